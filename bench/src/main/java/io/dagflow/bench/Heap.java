package io.dagflow.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Live heap as seen right after full collections. */
final class Heap {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private Heap() {
    }

    /**
     * Asks for full collections, so that a measured run does not pay for the previous run's
     * garbage and a heap reading shows only what is still referenced.
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
