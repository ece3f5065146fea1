package io.dagflow.bench;

import java.lang.management.ManagementFactory;

/**
 * CPU time used by this process. On a shared machine wall-clock throughput depends on what
 * else runs; CPU time per node is what the engine itself costs.
 */
final class ProcessCpu {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ProcessCpu() {
    }

    /** Nanoseconds of CPU used by all threads of the process so far (JIT and GC included). */
    static long nanos() {
        return OS.getProcessCpuTime();
    }

    static double loadAverage() {
        return OS.getSystemLoadAverage();
    }
}
