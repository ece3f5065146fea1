package io.dagflow.bench;

import java.util.Arrays;

/**
 * When each node's handler began and ended in one execution ({@link System#nanoTime()}).
 * Each slot is written by the one worker thread that runs that node and read after the
 * execution completed, which happens after every write.
 */
final class Timings {

    private final long[] started;
    private final long[] finished;

    Timings(int nodes) {
        started = new long[nodes];
        finished = new long[nodes];
    }

    void started(int node, long nanos) {
        started[node] = nanos;
    }

    void finished(int node, long nanos) {
        finished[node] = nanos;
    }

    /**
     * For every node with dependencies: from the end of its last dependency's handler to the
     * start of its own, i.e. what the engine adds between one node and the next
     * (result travelling back, state change, dispatch, task travelling out).
     */
    long[] hopNanos(GeneratedDag dag) {
        long[] hops = new long[dag.size()];
        int count = 0;
        for (int i = 0; i < dag.size(); i++) {
            int[] parents = dag.dependencies()[i];
            if (parents.length == 0) {
                continue;
            }
            long lastParentEnd = Long.MIN_VALUE;
            for (int parent : parents) {
                lastParentEnd = Math.max(lastParentEnd, finished[parent]);
            }
            hops[count++] = started[i] - lastParentEnd;
        }
        return Arrays.copyOf(hops, count);
    }

    /** The earliest handler start. */
    long firstStart() {
        return Arrays.stream(started).min().orElseThrow();
    }

    /** The latest handler end. */
    long lastFinish() {
        return Arrays.stream(finished).max().orElseThrow();
    }

    /** How many nodes ran here: in a worker process, the share of the execution it ran. */
    int recordedNodes() {
        int count = 0;
        for (long end : finished) {
            if (end != 0) {
                count++;
            }
        }
        return count;
    }

    boolean allRecorded() {
        for (int i = 0; i < started.length; i++) {
            if (started[i] == 0 || finished[i] == 0) {
                return false;
            }
        }
        return true;
    }
}
