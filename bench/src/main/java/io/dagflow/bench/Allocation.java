package io.dagflow.bench;

import java.lang.management.ManagementFactory;

/** Bytes of heap the current thread has allocated so far (HotSpot's per-thread counter). */
final class Allocation {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocation() {
    }

    static long currentThreadBytes() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }
}
