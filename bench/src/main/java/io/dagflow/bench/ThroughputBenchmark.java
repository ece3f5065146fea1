package io.dagflow.bench;

import io.dagflow.handler.HandlerRegistry;
import io.dagflow.model.Dag;
import io.dagflow.model.NodeStatus;
import io.dagflow.model.WorkflowStatus;
import io.dagflow.run.ExecutionHandle;
import io.dagflow.run.ExecutionResult;
import io.dagflow.run.StartOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Runs one shape end to end with no-op handlers: warm-up runs, then measured runs, each on a
 * fresh transport and fresh stores.
 */
final class ThroughputBenchmark {

    private final BenchOptions options;
    private final Backend backend;

    ThroughputBenchmark(BenchOptions options, Backend backend) {
        this.options = options;
        this.backend = backend;
    }

    ThroughputResult run() {
        GeneratedDag shape = Shapes.of(options.scenario(), options);
        Dag dag = Dag.of(shape.toDefinition());
        TimedNoOpHandler handler = new TimedNoOpHandler();
        HandlerRegistry handlers = new HandlerRegistry().register(handler);
        List<RunFigures> measured = new ArrayList<>();
        // Null unless asked for: the workers then run in this JVM.
        try (WorkerProcesses processes = options.workerProcesses() > 0
                ? new WorkerProcesses(options.workerProcesses(), options.workers()) : null) {
            for (int run = 0; run < options.warmup() + options.runs(); run++) {
                RunFigures figures = once(run, shape, dag, handler, handlers, processes);
                if (run >= options.warmup()) {
                    measured.add(figures);
                }
            }
        }
        return ThroughputResult.of(options, backend.name(), shape, measured);
    }

    /**
     * One run. With worker processes the handlers run in other JVMs, whose {@code nanoTime} is not
     * this one's: the figures taken from handler times (first task, tail, hops) are then left out.
     */
    private RunFigures once(int run, GeneratedDag shape, Dag dag, TimedNoOpHandler handler,
            HandlerRegistry handlers, WorkerProcesses processes) {
        try (Backend.Environment environment = backend.open();
                Cluster cluster = new Cluster(environment, options.orchestrators(), options.workerInstances(),
                        options.workers(), handlers).startWorkers()) {
            int executions = options.executions();
            List<String> ids = new ArrayList<>();
            for (int e = 0; e < executions; e++) {
                ids.add("bench-" + run + "-" + e);
            }
            List<Timings> timings = new ArrayList<>();
            List<ProcessHandle> workerProcesses = List.of();
            if (processes == null) {
                ids.forEach(id -> timings.add(handler.track(id, shape.size())));
            } else {
                processes.start(environment.redisConfig().orElseThrow(() -> new IllegalStateException(
                        "worker processes need a transport they can reach, such as redis")), shape.size(), ids);
                workerProcesses = processes.handles();
            }
            List<CompletableFuture<Long>> ends = new ArrayList<>();
            List<ExecutionHandle> handles = new ArrayList<>();
            environment.resetCommandCounts();
            ResourceUse use = ResourceUse.start(workerProcesses);
            long gcAtStart = GcTime.millis();
            OptionalLong serverCpuAtStart = environment.serverCpuNanos();
            long start = System.nanoTime();
            for (int e = 0; e < executions; e++) {
                ExecutionHandle handle = cluster.start(e, dag, StartOptions.defaults().withExecutionId(ids.get(e)));
                handles.add(handle);
                ends.add(handle.completion().thenApply(result -> System.nanoTime()));
            }
            long end = start;
            long firstStart = Long.MAX_VALUE;
            long lastFinish = Long.MIN_VALUE;
            for (int e = 0; e < executions; e++) {
                end = Math.max(end, join(ends.get(e), ids.get(e)));
                check(handles.get(e).completion().join(), shape);
                if (processes == null) {
                    checkEveryNodeRan(ids.get(e), shape, timings.get(e));
                    firstStart = Math.min(firstStart, timings.get(e).firstStart());
                    lastFinish = Math.max(lastFinish, timings.get(e).lastFinish());
                }
            }
            long cpu = use.cpuNanos();
            long gcMillis = GcTime.millis() - gcAtStart;
            long wakeups = use.wakeups();
            Map<String, Long> commands = environment.commandCounts().orElse(null);
            long serverCpu = serverCpuAtStart.isPresent()
                    ? environment.serverCpuNanos().orElseThrow() - serverCpuAtStart.getAsLong() : -1;
            double wallMillis = (end - start) / 1e6;
            List<Long> nodesByProcess = null;
            double firstTaskMillis = -1;
            double tailMillis = -1;
            List<long[]> hops = new ArrayList<>();
            if (processes == null) {
                firstTaskMillis = (firstStart - start) / 1e6;
                tailMillis = (end - lastFinish) / 1e6;
                for (int e = 0; e < executions; e++) {
                    hops.add(timings.get(e).hopNanos(shape));
                    handler.forget(ids.get(e));
                }
            } else {
                nodesByProcess = processes.stop();
                checkEveryNodeRanOnce(nodesByProcess, (long) shape.size() * executions);
            }
            List<long[]> dispatchToCompleted = new ArrayList<>();
            for (int e = 0; e < executions; e++) {
                dispatchToCompleted.add(Latencies.dispatchToCompleted(environment.stores().events().read(ids.get(e))));
            }
            long[] allHops = Latencies.concat(hops);
            long[] allDispatch = Latencies.concat(dispatchToCompleted);
            return new RunFigures(
                    (double) shape.size() * executions / (wallMillis / 1000.0),
                    wallMillis,
                    firstTaskMillis,
                    tailMillis,
                    gcMillis,
                    cpu,
                    wakeups,
                    commands,
                    serverCpu,
                    allHops.length == 0 ? -1 : Summary.percentile(allHops, 0.50) / 1000.0,
                    allHops.length == 0 ? -1 : Summary.percentile(allHops, 0.99) / 1000.0,
                    Summary.percentile(allDispatch, 0.50),
                    Summary.percentile(allDispatch, 0.99),
                    nodesByProcess);
        }
    }

    private static long join(CompletableFuture<Long> end, String executionId) {
        try {
            return end.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("execution " + executionId + " stopped: " + e.getCause(), e.getCause());
        }
    }

    /** A benchmark of a broken run is worthless: every node must have completed, and run once. */
    private static void check(ExecutionResult result, GeneratedDag shape) {
        if (result.status() != WorkflowStatus.COMPLETED) {
            throw new IllegalStateException("execution " + result.executionId() + " ended " + result.status()
                    + ": " + result.error());
        }
        int completed = result.nodeCounts().getOrDefault(NodeStatus.COMPLETED, 0);
        if (completed != shape.size()) {
            throw new IllegalStateException("execution " + result.executionId() + " completed " + completed
                    + " of " + shape.size() + " nodes");
        }
    }

    private static void checkEveryNodeRan(String executionId, GeneratedDag shape, Timings timings) {
        if (!timings.allRecorded()) {
            throw new IllegalStateException("execution " + executionId + " ran " + timings.recordedNodes()
                    + " of " + shape.size() + " handlers");
        }
    }

    /** Every node completed; more runs than nodes would mean some ran in two processes. */
    private static void checkEveryNodeRanOnce(List<Long> nodesByProcess, long nodes) {
        long ran = nodesByProcess.stream().mapToLong(Long::longValue).sum();
        if (ran != nodes) {
            throw new IllegalStateException("the worker processes ran " + ran + " handlers " + nodesByProcess
                    + " for " + nodes + " nodes");
        }
    }
}
