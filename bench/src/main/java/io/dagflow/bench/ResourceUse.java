package io.dagflow.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * CPU time and wake-ups (voluntary context switches) of the workers' side of a run: the
 * benchmark's JVM, and its worker processes when the workers run there, counted from
 * {@link #start}. The Redis server is counted apart.
 */
final class ResourceUse {

    private final List<ProcessHandle> workerProcesses;
    private final List<ContextSwitches> switches;
    private final long cpuAtStart;

    private ResourceUse(List<ProcessHandle> workerProcesses) {
        this.workerProcesses = List.copyOf(workerProcesses);
        this.switches = new ArrayList<>();
        switches.add(ContextSwitches.start());
        workerProcesses.forEach(process -> switches.add(ContextSwitches.start(process)));
        this.cpuAtStart = cpuNow();
    }

    static ResourceUse start(List<ProcessHandle> workerProcesses) {
        return new ResourceUse(workerProcesses);
    }

    /** CPU time since the start, at the clock-tick resolution of each process's counter. */
    long cpuNanos() {
        return cpuNow() - cpuAtStart;
    }

    /** Wake-ups since the start; -1 where they cannot be counted. */
    long wakeups() {
        long total = 0;
        for (ContextSwitches process : switches) {
            long count = process.sinceStart();
            if (count < 0) {
                return -1;
            }
            total += count;
        }
        return total;
    }

    private long cpuNow() {
        long nanos = ProcessCpu.nanos();
        for (ProcessHandle process : workerProcesses) {
            nanos += process.info().totalCpuDuration()
                    .orElseThrow(() -> new IllegalStateException(
                            "cannot read the CPU time of worker process " + process.pid()))
                    .toNanos();
        }
        return nanos;
    }
}
