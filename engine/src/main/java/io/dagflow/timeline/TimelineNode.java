package io.dagflow.timeline;

import io.dagflow.model.NodeStatus;
import java.util.List;

/**
 * One node of an execution's timeline.
 *
 * @param status where the node stands: PENDING when it never ran or waits for a retry
 * @param firstAt when its first attempt was dispatched; null when it never was
 * @param endedAt when it reached its final status (completed, failed, blocked, cancelled, reused)
 * @param critical whether it is on the critical path
 * @param reused whether a rerun took its result from an earlier execution instead of running it
 * @param reusedFrom that execution, when reused
 * @param reusedFromAttempt the attempt there that produced the result, when reused
 * @param blockedBy the failed node that blocked it, when blocked
 * @param skipReason why it was skipped (its condition was false, or its trigger rule could not be met), when skipped
 * @param error the last error (of its last failed or timed-out attempt)
 * @param attempts every dispatched attempt in order; empty when it never ran
 * @param resultSummary the start of its result as compact JSON, when results were attached
 */
public record TimelineNode(
        String id,
        String handler,
        List<String> dependencies,
        NodeStatus status,
        Long firstAt,
        Long endedAt,
        boolean critical,
        boolean reused,
        String reusedFrom,
        Integer reusedFromAttempt,
        String blockedBy,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        String skipReason,
        String error,
        List<TimelineAttempt> attempts,
        String resultSummary) {

    public TimelineNode {
        dependencies = List.copyOf(dependencies);
        attempts = List.copyOf(attempts);
    }

    /** How long the node was busy, from its first dispatch to its end or {@code now}; 0 when it never ran. */
    public long durationMillis(long now) {
        if (firstAt == null) {
            return 0;
        }
        return Math.max(0, (endedAt != null ? endedAt : now) - firstAt);
    }

    public TimelineNode withResultSummary(String summary) {
        return new TimelineNode(id, handler, dependencies, status, firstAt, endedAt, critical, reused, reusedFrom,
                reusedFromAttempt, blockedBy, skipReason, error, attempts, summary);
    }
}
