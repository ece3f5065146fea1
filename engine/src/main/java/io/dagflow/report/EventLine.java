package io.dagflow.report;

import io.dagflow.event.WorkflowEvent;
import io.dagflow.run.EventFields;
import java.time.Instant;
import java.util.List;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One human-readable line per event, as printed while a workflow runs (the dagflow command's
 * progress and the Jenkins console log). Returns null for events not worth a line.
 */
public final class EventLine {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private EventLine() {
    }

    public static String format(WorkflowEvent event) {
        String text = describe(event);
        return text == null ? null : TIME.format(Instant.ofEpochMilli(event.time())) + " " + text;
    }

    private static String describe(WorkflowEvent event) {
        String node = event.nodeId();
        return switch (event.type()) {
            case WORKFLOW_STARTED -> "workflow '" + event.detail(EventFields.WORKFLOW_NAME) + "' started as "
                    + event.executionId() + rerun(event);
            case WORKFLOW_RESUMED -> "workflow resumed by orchestrator " + event.detail(EventFields.ORCHESTRATOR)
                    + " after " + previousOwner(event) + " stopped (its last event at "
                    + TIME.format(Instant.ofEpochMilli(event.details().path(EventFields.LAST_EVENT_AT).asLong())) + ")";
            case NODE_REUSED -> node + " reused from " + event.detail(EventFields.FROM_EXECUTION);
            case NODE_DISPATCHED -> null;
            case NODE_STARTED -> node + " started" + attempt(event) + (event.worker() == null ? "" : " on " + event.worker());
            case NODE_RESTARTED -> node + " started again" + attempt(event) + " on " + event.worker()
                    + (event.detail(EventFields.PREVIOUS_WORKER) == null ? ""
                            : "; the run on " + event.detail(EventFields.PREVIOUS_WORKER) + " was lost");
            case NODE_COMPLETED -> node + " completed" + attempt(event) + " in "
                    + Durations.format(event.details().path(EventFields.DURATION_MS).asLong());
            case NODE_RETRY -> node + " attempt " + event.attempt() + " failed: " + event.detail(EventFields.ERROR)
                    + "; retrying in " + Durations.format(event.details().path(EventFields.BACKOFF_MS).asLong());
            case NODE_TIMED_OUT -> event.details().has(EventFields.QUEUE_TIMEOUT_MS)
                    ? node + " attempt " + event.attempt() + " timed out in its queue: " + event.detail(EventFields.ERROR)
                    : node + " attempt " + event.attempt() + " timed out after "
                            + Durations.format(event.details().path(EventFields.TIMEOUT_MS).asLong());
            case NODE_FAILED -> node + " FAILED" + attempt(event) + ": " + event.detail(EventFields.ERROR);
            case NODE_BLOCKED -> node + " blocked by " + event.detail(EventFields.BLOCKED_BY);
            case NODE_CANCELLED -> node + " cancelled" + attempt(event)
                    + (event.detail(EventFields.REASON) == null ? "" : " " + event.detail(EventFields.REASON));
            case WORKFLOW_CANCEL_REQUESTED -> "cancel requested: " + event.detail(EventFields.REASON);
            case QUEUE_UNSERVED -> unserved(event);
            case WORKFLOW_COMPLETED -> "workflow completed";
            case WORKFLOW_FAILED -> "workflow FAILED: " + event.detail(EventFields.REASON);
            case WORKFLOW_CANCELLED -> "workflow CANCELLED: " + event.detail(EventFields.REASON);
        };
    }

    private static String unserved(WorkflowEvent event) {
        List<String> waiting = new java.util.ArrayList<>();
        event.details().path(EventFields.WAITING).forEach(id -> waiting.add(id.asText()));
        int count = event.details().path(EventFields.WAITING_COUNT).asInt(waiting.size());
        String more = count > waiting.size() ? " and " + (count - waiting.size()) + " more" : "";
        return "no worker is serving queue '" + event.detail(EventFields.QUEUE) + "': " + String.join(", ", waiting)
                + more + (count == 1 ? " waits" : " wait") + " until a worker for it starts (or its queue_timeout_seconds)";
    }

    private static String previousOwner(WorkflowEvent event) {
        String previous = event.detail(EventFields.PREVIOUS_OWNER);
        if (previous == null) {
            return "its previous orchestrator";
        }
        // On Redis the resuming orchestrator takes over the owner's id, where results arrive.
        return previous.equals(event.detail(EventFields.ORCHESTRATOR)) ? "its previous run" : previous;
    }

    private static String attempt(WorkflowEvent event) {
        return event.attempt() > 1 ? " (attempt " + event.attempt() + ")" : "";
    }

    private static String rerun(WorkflowEvent event) {
        String of = event.detail(EventFields.RERUN_OF);
        return of == null ? "" : " (rerun of " + of + ")";
    }
}
