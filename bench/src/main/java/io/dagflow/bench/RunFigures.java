package io.dagflow.bench;

import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * What one measured run of a shape gave.
 *
 * @param firstTaskMillis -1 (as the tail) when the handlers ran in worker processes, whose clock
 *     is not this JVM's
 * @param cpuNanos CPU time of the JVM and its worker processes during the run
 * @param wakeups voluntary context switches during the run, -1 where they cannot be counted
 * @param commands Redis commands by name, null without a server
 * @param serverCpuNanos CPU time of the Redis server, -1 without one
 * @param hopP50Micros -1 (as the p99) when no node has a dependency or the handlers ran in worker
 *     processes
 * @param nodesByWorkerProcess the nodes each worker process ran; null without worker processes
 */
record RunFigures(
        double nodesPerSecond,
        double wallMillis,
        double firstTaskMillis,
        double tailMillis,
        double gcMillis,
        long cpuNanos,
        long wakeups,
        Map<String, Long> commands,
        long serverCpuNanos,
        double hopP50Micros,
        double hopP99Micros,
        double dispatchToCompletedP50Millis,
        double dispatchToCompletedP99Millis,
        List<Long> nodesByWorkerProcess) {

    static Summary summarise(List<RunFigures> runs, ToDoubleFunction<RunFigures> figure) {
        return Summary.of(runs.stream().mapToDouble(figure).toArray());
    }

    /** A counter summed over all runs and divided by all nodes run: the mean per node. */
    static double perNode(List<RunFigures> runs, ToDoubleFunction<RunFigures> counter, double nodesPerRun) {
        return runs.stream().mapToDouble(counter).sum() / (nodesPerRun * runs.size());
    }
}
