package io.dagflow.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.event.EventType;
import io.dagflow.event.WorkflowEvent;
import io.dagflow.model.NodeDefinition;
import io.dagflow.model.NodeStatus;
import io.dagflow.model.WorkflowDefinition;
import io.dagflow.model.WorkflowStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds an execution's events into a {@link Timeline}, in one pass over the events and one over
 * the nodes. Works on a running execution too: attempts without an end are RUNNING and the
 * timeline shows them up to the time it was built for.
 */
public final class TimelineBuilder {

    /** A node's timeline while the events are folded. */
    private static final class NodeTrack {
        final int index;
        final NodeDefinition definition;
        NodeStatus status = NodeStatus.PENDING;
        final List<Attempt> attempts = new ArrayList<>(2);
        Long endedAt;
        boolean reused;
        String reusedFrom;
        Integer reusedFromAttempt;
        String blockedBy;
        String error;
        boolean critical;

        NodeTrack(int index, NodeDefinition definition) {
            this.index = index;
            this.definition = definition;
        }

        Attempt attempt(int number) {
            for (int i = attempts.size() - 1; i >= 0; i--) {
                if (attempts.get(i).number == number) {
                    return attempts.get(i);
                }
            }
            return null;
        }

        Attempt attemptOrNew(int number) {
            Attempt found = attempt(number);
            if (found == null) {
                found = new Attempt(number);
                attempts.add(found);
            }
            return found;
        }

        Long firstAt() {
            for (Attempt attempt : attempts) {
                if (attempt.dispatchedAt != null) {
                    return attempt.dispatchedAt;
                }
                if (attempt.startedAt != null) {
                    return attempt.startedAt;
                }
            }
            return null;
        }

        /**
         * When the node finished, or {@code now} while it is busy; null when it took no time of this
         * execution (never ran, blocked, or reused from another execution).
         */
        Long finishedBy(long now) {
            if (status == NodeStatus.BLOCKED || reused) {
                return null;
            }
            if (endedAt != null) {
                return endedAt;
            }
            return attempts.isEmpty() ? null : now;
        }
    }

    private static final class Attempt {
        final int number;
        String queue;
        Long dispatchedAt;
        Long startedAt;
        Long endedAt;
        String worker;
        AttemptOutcome outcome = AttemptOutcome.RUNNING;
        String error;
        Long timeoutMs;
        Long retryBackoffMs;
        final List<TimelineRestart> restarts = new ArrayList<>(0);

        Attempt(int number) {
            this.number = number;
        }

        void end(AttemptOutcome how, long at) {
            // A timeout is the more telling outcome: the failure that follows it only reports it.
            if (outcome != AttemptOutcome.TIMED_OUT) {
                outcome = how;
            }
            if (endedAt == null) {
                endedAt = at;
            }
        }

        TimelineAttempt freeze() {
            return new TimelineAttempt(number, queue, dispatchedAt, startedAt, endedAt, worker, outcome, error,
                    timeoutMs, retryBackoffMs, restarts);
        }
    }

    private final String executionId;
    private final NodeTrack[] tracks;
    private final Map<String, NodeTrack> byId;
    private String workflowName;
    private WorkflowStatus status = WorkflowStatus.RUNNING;
    private long startedAt;
    private Long endedAt;
    private long lastEventAt;
    private String reason;
    private String rerunOf;
    private final List<TimelineResume> resumes = new ArrayList<>(0);
    private TimelineCancel cancelRequested;
    private final List<TimelineUnservedQueue> unservedQueues = new ArrayList<>(0);

    private TimelineBuilder(String executionId, WorkflowDefinition definition) {
        this.executionId = executionId;
        this.workflowName = definition.name();
        this.tracks = new NodeTrack[definition.nodes().size()];
        this.byId = new HashMap<>(tracks.length * 2);
        for (int i = 0; i < tracks.length; i++) {
            tracks[i] = new NodeTrack(i, definition.nodes().get(i));
            byId.put(tracks[i].definition.id(), tracks[i]);
        }
    }

    /** The timeline of an execution as of its last event, with the definition its WORKFLOW_STARTED recorded. */
    public static Timeline from(List<WorkflowEvent> events) {
        return from(events, Long.MIN_VALUE);
    }

    /**
     * The timeline as of {@code now}: running attempts of a running execution extend to it (or to the
     * last event when that is later).
     */
    public static Timeline from(List<WorkflowEvent> events, long now) {
        return from(events, RecordedDefinition.of(events), now);
    }

    /** The timeline with a definition already parsed (it must be the one the execution started with). */
    public static Timeline from(List<WorkflowEvent> events, WorkflowDefinition definition, long now) {
        WorkflowEvent first = RecordedDefinition.start(events);
        TimelineBuilder builder = new TimelineBuilder(first.executionId(), definition);
        long previous = 0;
        boolean ordered = true;
        for (WorkflowEvent event : events) {
            ordered &= event.sequence() > previous;
            previous = event.sequence();
        }
        List<WorkflowEvent> inOrder = events;
        if (!ordered) {
            inOrder = new ArrayList<>(events);
            inOrder.sort(Comparator.comparingLong(WorkflowEvent::sequence));
        }
        for (WorkflowEvent event : inOrder) {
            builder.apply(event);
        }
        return builder.build(now);
    }

    private void apply(WorkflowEvent event) {
        if (!executionId.equals(event.executionId())) {
            throw new IllegalArgumentException("event " + event.sequence() + " belongs to execution "
                    + event.executionId() + ", not " + executionId);
        }
        long previousEventAt = lastEventAt;
        lastEventAt = Math.max(lastEventAt, event.time());
        if (event.nodeId() == null) {
            applyWorkflowEvent(event, previousEventAt);
        } else {
            applyNodeEvent(track(event), event);
        }
    }

    private void applyWorkflowEvent(WorkflowEvent event, long previousEventAt) {
        switch (event.type()) {
            case WORKFLOW_STARTED -> {
                if (startedAt == 0) {
                    startedAt = event.time();
                    rerunOf = event.detail("rerun_of");
                    String name = event.detail("workflow_name");
                    if (name != null) {
                        workflowName = name;
                    }
                }
            }
            case WORKFLOW_RESUMED -> {
                JsonNode last = event.details().get("last_event_at");
                resumes.add(new TimelineResume(event.time(), last != null && last.isNumber() ? last.asLong() : previousEventAt,
                        event.detail("previous_owner"), event.detail("orchestrator")));
            }
            case WORKFLOW_COMPLETED -> finish(WorkflowStatus.COMPLETED, event);
            case WORKFLOW_FAILED -> finish(WorkflowStatus.FAILED, event);
            case WORKFLOW_CANCELLED -> finish(WorkflowStatus.CANCELLED, event);
            case WORKFLOW_CANCEL_REQUESTED -> {
                if (cancelRequested == null) {
                    cancelRequested = new TimelineCancel(event.time(), event.detail("reason"),
                            event.details().has("deadline_ms"));
                }
            }
            case QUEUE_UNSERVED -> {
                List<String> waiting = new ArrayList<>();
                event.details().path("waiting").forEach(id -> waiting.add(id.asText()));
                unservedQueues.add(new TimelineUnservedQueue(event.time(), event.detail("queue"), waiting));
            }
            default -> throw new IllegalArgumentException("event " + event.sequence() + " of execution " + executionId
                    + " is " + event.type() + " but names no node");
        }
    }

    private void finish(WorkflowStatus finalStatus, WorkflowEvent event) {
        status = finalStatus;
        endedAt = event.time();
        reason = event.detail("reason");
    }

    private NodeTrack track(WorkflowEvent event) {
        NodeTrack track = byId.get(event.nodeId());
        if (track == null) {
            throw new IllegalArgumentException("event " + event.sequence() + " (" + event.type() + ") of execution "
                    + executionId + " names node '" + event.nodeId() + "', which its definition does not have");
        }
        return track;
    }

    private static void applyNodeEvent(NodeTrack node, WorkflowEvent event) {
        long at = event.time();
        switch (event.type()) {
            case NODE_REUSED -> {
                node.reused = true;
                node.reusedFrom = event.detail("from_execution");
                JsonNode fromAttempt = event.details().get("from_attempt");
                node.reusedFromAttempt = fromAttempt != null && fromAttempt.canConvertToInt() ? fromAttempt.asInt() : null;
                node.status = NodeStatus.COMPLETED;
                node.endedAt = at;
            }
            case NODE_DISPATCHED -> {
                Attempt attempt = node.attemptOrNew(event.attempt());
                if (attempt.dispatchedAt == null) {
                    attempt.dispatchedAt = at;
                }
                attempt.queue = event.detail("queue");
                node.status = NodeStatus.RUNNING;
            }
            case NODE_STARTED -> {
                Attempt attempt = node.attemptOrNew(event.attempt());
                attempt.startedAt = at;
                attempt.worker = event.worker();
            }
            case NODE_RESTARTED -> {
                Attempt attempt = node.attemptOrNew(event.attempt());
                if (attempt.startedAt == null) {
                    attempt.startedAt = at;
                } else {
                    attempt.restarts.add(new TimelineRestart(at, event.worker(),
                            firstNonNull(event.detail("previous_worker"), attempt.worker)));
                }
                attempt.worker = event.worker();
            }
            case NODE_COMPLETED -> {
                Attempt attempt = node.attemptOrNew(event.attempt());
                attempt.end(AttemptOutcome.COMPLETED, at);
                if (event.worker() != null) {
                    attempt.worker = event.worker();
                }
                node.status = NodeStatus.COMPLETED;
                node.endedAt = at;
            }
            case NODE_RETRY -> {
                String error = event.detail("error");
                Attempt attempt = node.attempt(event.attempt());
                if (attempt != null) {
                    attempt.end(AttemptOutcome.FAILED, at);
                    attempt.error = firstNonNull(attempt.error, error);
                    JsonNode backoff = event.details().get("backoff_ms");
                    attempt.retryBackoffMs = backoff != null && backoff.isNumber() ? backoff.asLong() : null;
                }
                node.error = firstNonNull(error, node.error);
                node.status = NodeStatus.PENDING;
            }
            case NODE_TIMED_OUT -> {
                Attempt attempt = node.attempt(event.attempt());
                JsonNode timeout = event.details().get("timeout_ms");
                Long timeoutMs = timeout != null && timeout.isNumber() ? timeout.asLong() : null;
                String error = firstNonNull(event.detail("error"),
                        timeoutMs != null ? "timed out after " + timeoutMs + " ms" : "timed out");
                if (attempt != null) {
                    attempt.outcome = AttemptOutcome.TIMED_OUT;
                    attempt.endedAt = at;
                    attempt.timeoutMs = timeoutMs;
                    attempt.error = error;
                }
                node.error = error;
            }
            case NODE_FAILED -> {
                String error = event.detail("error");
                Attempt attempt = node.attempt(event.attempt());
                if (attempt != null) {
                    attempt.end(AttemptOutcome.FAILED, at);
                    attempt.error = firstNonNull(attempt.error, error);
                }
                node.error = firstNonNull(error, node.error);
                node.status = NodeStatus.FAILED;
                node.endedAt = at;
            }
            case NODE_BLOCKED -> {
                node.blockedBy = event.detail("blocked_by");
                node.status = NodeStatus.BLOCKED;
                node.endedAt = at;
            }
            case NODE_CANCELLED -> {
                for (Attempt attempt : node.attempts) {
                    if (attempt.outcome == AttemptOutcome.RUNNING) {
                        attempt.end(AttemptOutcome.CANCELLED, at);
                    }
                }
                node.status = NodeStatus.CANCELLED;
                node.endedAt = at;
            }
            default -> throw new IllegalArgumentException("event " + event.sequence() + " is " + event.type()
                    + " but names node '" + event.nodeId() + "'");
        }
    }

    private Timeline build(long now) {
        long observedAt = endedAt != null ? endedAt : Math.max(now, lastEventAt);
        int[] path = CriticalPath.find(tracks.length, i -> tracks[i].finishedBy(observedAt),
                i -> startOf(tracks[i]), i -> dependencyIndexes(tracks[i]));
        List<String> criticalPath = new ArrayList<>(path.length);
        for (int index : path) {
            tracks[index].critical = true;
            criticalPath.add(tracks[index].definition.id());
        }
        NodeTrack[] ordered = tracks.clone();
        Arrays.sort(ordered, Comparator
                .comparingLong(TimelineBuilder::startOf)
                .thenComparingInt(t -> t.index));
        List<TimelineNode> nodes = new ArrayList<>(ordered.length);
        for (NodeTrack track : ordered) {
            nodes.add(freeze(track));
        }
        return new Timeline(Timeline.FORMAT_VERSION, executionId, workflowName, status, startedAt, endedAt,
                observedAt, observedAt - startedAt, reason, rerunOf, nodes, criticalPath, resumes,
                cancelRequested, unservedQueues);
    }

    /** When the node began to matter: its first dispatch, else when it was settled (reused, blocked). */
    private static long startOf(NodeTrack track) {
        Long first = track.firstAt();
        if (first != null) {
            return first;
        }
        return track.endedAt != null ? track.endedAt : Long.MAX_VALUE;
    }

    private int[] dependencyIndexes(NodeTrack track) {
        List<String> dependencies = track.definition.dependencies();
        int[] indexes = new int[dependencies.size()];
        int count = 0;
        for (String dependency : dependencies) {
            NodeTrack parent = byId.get(dependency);
            if (parent != null) {
                indexes[count++] = parent.index;
            }
        }
        return count == indexes.length ? indexes : Arrays.copyOf(indexes, count);
    }

    private static TimelineNode freeze(NodeTrack track) {
        List<TimelineAttempt> attempts = new ArrayList<>(track.attempts.size());
        for (Attempt attempt : track.attempts) {
            attempts.add(attempt.freeze());
        }
        return new TimelineNode(track.definition.id(), track.definition.handler(), track.definition.dependencies(),
                track.status, track.firstAt(), track.endedAt, track.critical, track.reused, track.reusedFrom,
                track.reusedFromAttempt, track.blockedBy, track.error, attempts, null);
    }

    private static String firstNonNull(String preferred, String fallback) {
        return preferred != null ? preferred : fallback;
    }
}
