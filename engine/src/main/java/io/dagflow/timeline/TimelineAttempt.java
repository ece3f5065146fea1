package io.dagflow.timeline;

/**
 * One attempt of a node. Times are epoch milliseconds; null when the event has not happened (an
 * attempt still queued has no start, a running one no end).
 *
 * @param queue the queue the attempt was dispatched to
 * @param startedAt when the worker started it (the worker's clock)
 * @param error why the attempt failed or timed out
 * @param timeoutMs the limit it exceeded, when it timed out
 * @param retryBackoffMs the wait before the next attempt, when one followed
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
        Long retryBackoffMs) {

    /** How long it ran (from start, or dispatch when the start is unknown) until it ended or {@code now}. */
    public long durationMillis(long now) {
        Long from = startedAt != null ? startedAt : dispatchedAt;
        if (from == null) {
            return 0;
        }
        return Math.max(0, (endedAt != null ? endedAt : now) - from);
    }
}
