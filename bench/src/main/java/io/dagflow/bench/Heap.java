package io.dagflow.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Live heap as seen right after full collections. */
final class Heap {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private Heap() {
    }

    /**
     * Asks for full collections, so that a heap reading shows only what is still referenced.
     * Timed runs never call this: after a full collection the JVM shrinks the heap, and the next
     * run would pay for many small young collections it would not see in steady state.
     */
    static void collectGarbage() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
    }

    /** Bytes of heap still referenced, after collecting garbage. */
    static long liveBytes() {
        collectGarbage();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    static long maxBytes() {
        return Runtime.getRuntime().maxMemory();
    }
}
