package io.dagflow.timeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One attempt of a node. Times are epoch milliseconds; null when the event has not happened (an
 * attempt still queued has no start, a running one no end).
 *
 * @param queue the queue the attempt was dispatched to
 * @param startedAt when the worker first started it (the worker's clock)
 * @param worker the worker that ran it last
 * @param error why the attempt failed or timed out
 * @param timeoutMs the limit it exceeded, when it timed out
 * @param retryBackoffMs the wait before the next attempt, when one followed
 * @param restarts each time it started again after its run was lost, in order; empty when it never did
 */
public record TimelineAttempt(
        int attempt,
        String queue,
        Long dispatchedAt,
        Long startedAt,
        Long endedAt,
        String worker,
        AttemptOutcome outcome,
        String error,
        Long timeoutMs,
        Long retryBackoffMs,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<TimelineRestart> restarts) {

    public TimelineAttempt {
        restarts = restarts == null ? List.of() : List.copyOf(restarts);
    }

    /** When the run that counts began: the last restart, else the start; null when it never started. */
    public Long lastStartedAt() {
        return restarts.isEmpty() ? startedAt : Long.valueOf(restarts.get(restarts.size() - 1).at());
    }

    /**
     * How long it ran (from its last start, or dispatch when the start is unknown) until it ended or
     * {@code now}; a run lost to a restart does not count.
     */
    public long durationMillis(long now) {
        Long from = lastStartedAt() != null ? lastStartedAt() : dispatchedAt;
        if (from == null) {
            return 0;
        }
        return Math.max(0, (endedAt != null ? endedAt : now) - from);
    }
}
