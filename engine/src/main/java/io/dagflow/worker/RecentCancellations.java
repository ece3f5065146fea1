package io.dagflow.worker;

import io.dagflow.transport.TaskAttempt;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Attempts a worker was told to cancel, remembered for a while: a cancellation may arrive
 * between the claim of a task and the start of its handler, when there is no handler to
 * interrupt yet. The oldest are forgotten first; a few thousand cover any cancel in flight.
 */
final class RecentCancellations {

    private static final int KEPT = 10_000;

    private final Map<TaskAttempt, Boolean> attempts = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<TaskAttempt, Boolean> eldest) {
            return size() > KEPT;
        }
    };

    synchronized void add(TaskAttempt attempt) {
        attempts.put(withoutQueue(attempt), Boolean.TRUE);
    }

    synchronized boolean contains(TaskAttempt attempt) {
        return !attempts.isEmpty() && attempts.containsKey(withoutQueue(attempt));
    }

    /** An attempt is the same whichever queue its task came from. */
    private static TaskAttempt withoutQueue(TaskAttempt attempt) {
        return new TaskAttempt(attempt.executionId(), attempt.nodeId(), attempt.attempt(), null);
    }
}
