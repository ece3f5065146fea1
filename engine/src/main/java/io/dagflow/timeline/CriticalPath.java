package io.dagflow.timeline;

import java.util.function.IntFunction;
import java.util.function.IntToLongFunction;

/**
 * The chain of nodes that determined how long an execution took: start from the node that
 * finished last, step to the dependency that finished latest before that node started, and repeat
 * until a node had nothing to wait for. Each node is visited at most once, so the cost is the size
 * of the path plus the dependencies on it.
 */
final class CriticalPath {

    private CriticalPath() {
    }

    /**
     * @param finishedBy a node's end (or "now" while it is busy); null for nodes that never ran
     * @param startOf when a node started (its first dispatch)
     * @param dependencies a node's direct dependencies
     * @return node indexes from the first node of the chain to the last
     */
    static int[] find(int size, IntFunction<Long> finishedBy, IntToLongFunction startOf, IntFunction<int[]> dependencies) {
        long[] end = new long[size];
        boolean[] ran = new boolean[size];
        int last = -1;
        for (int i = 0; i < size; i++) {
            Long finished = finishedBy.apply(i);
            if (finished != null) {
                ran[i] = true;
                end[i] = finished;
                if (last < 0 || finished > end[last]) {
                    last = i;
                }
            }
        }
        if (last < 0) {
            return new int[0];
        }
        int[] reversed = new int[size];
        boolean[] onPath = new boolean[size];
        int length = 0;
        int current = last;
        while (current >= 0 && !onPath[current]) {
            onPath[current] = true;
            reversed[length++] = current;
            current = latestDependency(end, ran, startOf.applyAsLong(current), dependencies.apply(current));
        }
        int[] path = new int[length];
        for (int i = 0; i < length; i++) {
            path[i] = reversed[length - 1 - i];
        }
        return path;
    }

    /**
     * The dependency that finished last before {@code start}; when clocks disagree and every
     * dependency seems to end after it, the one that finished last at all.
     */
    private static int latestDependency(long[] end, boolean[] ran, long start, int[] parents) {
        int best = -1;
        int bestAny = -1;
        for (int parent : parents) {
            if (!ran[parent]) {
                continue;
            }
            if (bestAny < 0 || end[parent] > end[bestAny]) {
                bestAny = parent;
            }
            if (end[parent] <= start && (best < 0 || end[parent] > end[best])) {
                best = parent;
            }
        }
        return best >= 0 ? best : bestAny;
    }
}
