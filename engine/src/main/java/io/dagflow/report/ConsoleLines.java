package io.dagflow.report;

import io.dagflow.event.WorkflowEvent;
import io.dagflow.run.EventFields;
import java.util.Optional;

/**
 * Turns the events of one execution into console lines as they happen: node starts, retries,
 * time-outs, failures, blocks and completions, and the workflow's start and end. Dispatches are
 * left out: every dispatched attempt is followed by a start, a time-out or a cancellation.
 */
public final class ConsoleLines {

    private final String prefix;

    private ConsoleLines(String prefix) {
        this.prefix = prefix;
    }

    /** Lines prefixed with the workflow's name, so that parallel workflows can be told apart. */
    public static ConsoleLines forWorkflow(String workflowName) {
        return new ConsoleLines("[dagflow " + workflowName + "] ");
    }

    /** The line for an event, or empty when the event is not worth a line. */
    public Optional<String> format(WorkflowEvent event) {
        String node = "node '" + event.nodeId() + "'";
        String text = switch (event.type()) {
            case WORKFLOW_STARTED -> started(event);
            case NODE_REUSED -> node + " reused the result of execution " + event.detail(EventFields.FROM_EXECUTION)
                    + " (attempt " + event.attempt() + ")";
            case NODE_DISPATCHED -> null;
            case NODE_STARTED -> node + " started, attempt " + event.attempt() + onWorker(event);
            case NODE_COMPLETED -> node + " completed" + took(event) + onWorker(event);
            case NODE_RETRY -> node + " attempt " + event.attempt() + " failed: " + error(event) + "; attempt "
                    + event.details().path(EventFields.NEXT_ATTEMPT).asInt(event.attempt() + 1) + " in "
                    + Durations.format(event.details().path(EventFields.BACKOFF_MS).asLong());
            case NODE_TIMED_OUT -> node + " " + error(event);
            case NODE_FAILED -> node + " FAILED after " + attempts(event.attempt()) + ": " + error(event);
            case NODE_BLOCKED -> node + " blocked: it depends on failed node '"
                    + event.detail(EventFields.BLOCKED_BY) + "'";
            case NODE_CANCELLED -> node + " cancelled";
            case WORKFLOW_COMPLETED -> "workflow completed";
            case WORKFLOW_FAILED -> "workflow FAILED: " + reason(event);
            case WORKFLOW_CANCELLED -> "workflow cancelled: " + reason(event);
        };
        return Optional.ofNullable(text).map(line -> prefix + line);
    }

    private static String started(WorkflowEvent event) {
        String rerunOf = event.detail(EventFields.RERUN_OF);
        return "execution " + event.executionId() + " started"
                + (rerunOf == null ? "" : ", rerunning failed nodes of execution " + rerunOf);
    }

    private static String took(WorkflowEvent event) {
        return event.details().has(EventFields.DURATION_MS)
                ? " in " + Durations.format(event.details().get(EventFields.DURATION_MS).asLong())
                : "";
    }

    private static String onWorker(WorkflowEvent event) {
        return event.worker() == null ? "" : " on " + event.worker();
    }

    private static String error(WorkflowEvent event) {
        String error = event.detail(EventFields.ERROR);
        return error == null ? "no error message" : error;
    }

    private static String reason(WorkflowEvent event) {
        String reason = event.detail(EventFields.REASON);
        return reason == null ? "no reason given" : reason;
    }

    private static String attempts(int count) {
        return count == 1 ? "1 attempt" : count + " attempts";
    }
}
