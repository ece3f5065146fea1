package io.dagflow.run;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The workflow's {@code max_parallel}: attempts ready to be dispatched while that many nodes run
 * wait here, first ready first dispatched, until a running node ends. Nothing of this is recorded:
 * a node that waits is PENDING in the history, and after a restart the ready nodes line up again.
 */
final class ParallelLimit {

    /** An attempt waiting for a free place. */
    record Waiting(int node, int attempt) {
    }

    private final Integer max;
    private final ExecutionState state;
    private final Deque<Waiting> waiting = new ArrayDeque<>();
    private final boolean[] queued;

    ParallelLimit(Integer max, ExecutionState state) {
        this.max = max;
        this.state = state;
        this.queued = new boolean[state.dag().size()];
    }

    /** True when the attempt may be dispatched now; otherwise it waits (once) for a place. */
    boolean admits(int node, int attempt) {
        if (max == null || (waiting.isEmpty() && state.runningNodes() < max)) {
            return true;
        }
        if (!queued[node]) {
            queued[node] = true;
            waiting.add(new Waiting(node, attempt));
        }
        return false;
    }

    boolean isWaiting(int node) {
        return queued[node];
    }

    /** The next attempt to dispatch now that places are free, or null. */
    Waiting next() {
        if (max == null || waiting.isEmpty() || state.runningNodes() >= max) {
            return null;
        }
        Waiting next = waiting.poll();
        queued[next.node()] = false;
        return next;
    }
}
