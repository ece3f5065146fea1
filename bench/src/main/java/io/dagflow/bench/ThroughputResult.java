package io.dagflow.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One shape run on one transport, over the measured runs.
 *
 * @param wallMillis from the first start() call to the completion of the last execution
 * @param workerInstances workers in the benchmark's JVM
 * @param workerProcesses workers in JVMs of their own (one each), 0 for none
 * @param firstTaskMillis from the first start() call to the first handler starting: starting
 *     the execution and dispatching what is ready, before any worker has anything to do; null
 *     with worker processes, whose clocks are not comparable with this JVM's
 * @param tailMillis from the last handler ending to the last execution's completion: results
 *     still queued at the orchestrator, and building the execution's result; null with worker
 *     processes
 * @param gcMillis collector time (pauses) during the run, part of the wall time
 * @param nodesPerSecond nodes of all executions of a run divided by its wall time
 * @param wallPerNodeMicros wall time divided by the nodes of one execution: on a chain, the
 *     cost each node adds to the execution's duration
 * @param cpuPerNodeMicros CPU time of the whole process (all threads, GC and JIT included) and of
 *     its worker processes during the measured runs, per node run: the engine's cost whatever
 *     else the machine is doing. A mean over all measured runs, as the process clock ticks only
 *     every 10 ms
 * @param wakeupsPerNode voluntary context switches of the process and its worker processes per
 *     node run (Linux; -1 elsewhere): how often a thread slept waiting for another
 * @param hopP50Micros median (per run) of the gap between the end of a node's last dependency's
 *     handler and the start of its own handler; null when no node has dependencies, and with
 *     worker processes
 * @param dispatchToCompletedP50Millis from a node's NODE_DISPATCHED to its NODE_COMPLETED event,
 *     as stored (millisecond clock)
 * @param redisCommandsPerNode commands the Redis server ran during a run (INFO commandstats, the
 *     benchmark's own left out), per node; null without Redis
 * @param redisCommandsPerNodeByCommand the same, by command, over all measured runs
 * @param serverCpuPerNodeMicros CPU time of the Redis server per node, over all measured runs;
 *     -1 without a server
 * @param nodesPerWorkerProcess the nodes each worker process ran over all measured runs; null
 *     without worker processes
 */
record ThroughputResult(
        String kind,
        String scenario,
        String transport,
        String workflow,
        int nodes,
        long edges,
        int executions,
        int orchestrators,
        int workers,
        int workerInstances,
        int workerProcesses,
        int warmup,
        int runs,
        Summary nodesPerSecond,
        Summary wallMillis,
        Summary firstTaskMillis,
        Summary tailMillis,
        Summary gcMillis,
        Summary wallPerNodeMicros,
        double cpuPerNodeMicros,
        double wakeupsPerNode,
        Summary hopP50Micros,
        Summary hopP99Micros,
        Summary dispatchToCompletedP50Millis,
        Summary dispatchToCompletedP99Millis,
        Summary redisCommandsPerNode,
        Map<String, Double> redisCommandsPerNodeByCommand,
        double serverCpuPerNodeMicros,
        List<Long> nodesPerWorkerProcess) implements BenchResult {

    static ThroughputResult of(BenchOptions options, String transport, GeneratedDag shape, List<RunFigures> runs) {
        double nodesPerRun = (double) shape.size() * options.executions();
        RunFigures first = runs.get(0);
        return new ThroughputResult("throughput", options.scenario().cliName(), transport, shape.name(),
                shape.size(), shape.edges(), options.executions(), options.orchestrators(), options.workers(),
                options.workerInstances(), options.workerProcesses(), options.warmup(), options.runs(),
                RunFigures.summarise(runs, RunFigures::nodesPerSecond),
                RunFigures.summarise(runs, RunFigures::wallMillis),
                first.firstTaskMillis() < 0 ? null : RunFigures.summarise(runs, RunFigures::firstTaskMillis),
                first.tailMillis() < 0 ? null : RunFigures.summarise(runs, RunFigures::tailMillis),
                RunFigures.summarise(runs, RunFigures::gcMillis),
                RunFigures.summarise(runs, run -> run.wallMillis() * 1000.0 / shape.size()),
                RunFigures.perNode(runs, RunFigures::cpuNanos, nodesPerRun) / 1000.0,
                first.wakeups() < 0 ? -1 : RunFigures.perNode(runs, RunFigures::wakeups, nodesPerRun),
                first.hopP50Micros() < 0 ? null : RunFigures.summarise(runs, RunFigures::hopP50Micros),
                first.hopP99Micros() < 0 ? null : RunFigures.summarise(runs, RunFigures::hopP99Micros),
                RunFigures.summarise(runs, RunFigures::dispatchToCompletedP50Millis),
                RunFigures.summarise(runs, RunFigures::dispatchToCompletedP99Millis),
                first.commands() == null ? null : RunFigures.summarise(runs,
                        run -> run.commands().values().stream().mapToLong(Long::longValue).sum() / nodesPerRun),
                first.commands() == null ? null : commandsPerNode(runs, nodesPerRun),
                first.serverCpuNanos() < 0 ? -1
                        : RunFigures.perNode(runs, RunFigures::serverCpuNanos, nodesPerRun) / 1000.0,
                first.nodesByWorkerProcess() == null ? null : nodesPerWorkerProcess(runs));
    }

    private static List<Long> nodesPerWorkerProcess(List<RunFigures> runs) {
        long[] sums = new long[runs.get(0).nodesByWorkerProcess().size()];
        for (RunFigures run : runs) {
            for (int i = 0; i < sums.length; i++) {
                sums[i] += run.nodesByWorkerProcess().get(i);
            }
        }
        return Arrays.stream(sums).boxed().toList();
    }

    /** Each server command's calls per node, over all runs. */
    private static Map<String, Double> commandsPerNode(List<RunFigures> runs, double nodesPerRun) {
        Map<String, Double> perNode = new TreeMap<>();
        double nodes = nodesPerRun * runs.size();
        for (RunFigures run : runs) {
            run.commands().forEach((command, calls) -> perNode.merge(command, calls / nodes, Double::sum));
        }
        return perNode;
    }

    static final List<String> HEADER = List.of("scenario", "transport", "nodes", "edges", "exec/orch", "workers",
            "nodes/s median [min..max]", "wall ms", "first task ms", "tail ms", "gc ms", "wall/node us",
            "cpu/node us", "wakeups/node", "redis cmds/node", "redis cpu/node us", "hop p50/p99 us",
            "disp->done p50/p99 ms");

    @Override
    public List<String> header() {
        return HEADER;
    }

    @Override
    public List<String> row() {
        return List.of(scenario, transport, Integer.toString(nodes), Long.toString(edges),
                executions + "/" + orchestrators,
                workerProcesses > 0 ? workerProcesses + "px" + workers : workerInstances + "x" + workers,
                Format.spread(nodesPerSecond, 0), Format.number(wallMillis.median(), 1),
                firstTaskMillis == null ? "-" : Format.number(firstTaskMillis.median(), 1),
                tailMillis == null ? "-" : Format.number(tailMillis.median(), 1),
                Format.number(gcMillis.median(), 1),
                Format.number(wallPerNodeMicros.median(), 2), Format.number(cpuPerNodeMicros, 2),
                wakeupsPerNode < 0 ? "-" : Format.number(wakeupsPerNode, 2),
                redisCommandsPerNode == null ? "-" : Format.number(redisCommandsPerNode.median(), 2),
                serverCpuPerNodeMicros < 0 ? "-" : Format.number(serverCpuPerNodeMicros, 1),
                hopP50Micros == null ? "-" : Format.number(hopP50Micros.median(), 1) + " / "
                        + Format.number(hopP99Micros.median(), 1),
                Format.number(dispatchToCompletedP50Millis.median(), 0) + " / "
                        + Format.number(dispatchToCompletedP99Millis.median(), 0));
    }
}
