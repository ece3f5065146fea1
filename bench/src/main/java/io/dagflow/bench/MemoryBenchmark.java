package io.dagflow.bench;

import io.dagflow.handler.HandlerRegistry;
import io.dagflow.model.Dag;
import io.dagflow.run.ExecutionHandle;
import io.dagflow.run.ExecutionResult;
import io.dagflow.run.StartOptions;
import java.util.concurrent.CountDownLatch;

/**
 * Measures the heap one large execution holds. Handlers wait at a gate until the first task has
 * reached a worker and the heap was measured, so the "running" reading sees every ready task
 * dispatched and none finished.
 */
final class MemoryBenchmark {

    private final BenchOptions options;
    private final Backend backend;

    MemoryBenchmark(BenchOptions options, Backend backend) {
        this.options = options;
        this.backend = backend;
    }

    MemoryResult run() throws InterruptedException {
        CountDownLatch firstTaskArrived = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        HandlerRegistry handlers = new HandlerRegistry().register(GeneratedDag.HANDLER, context -> {
            firstTaskArrived.countDown();
            gate.await();
            return null;
        });
        long baseline = Heap.liveBytes();
        Described described = describe();
        Dag dag = described.dag();
        long defined = Heap.liveBytes();
        try (Backend.Environment environment = backend.open();
                Cluster cluster = new Cluster(environment, 1, 1, options.workers(), handlers)) {
            ExecutionHandle handle = cluster.start(0, dag, StartOptions.defaults().withExecutionId("bench-memory"));
            cluster.startWorkers();
            firstTaskArrived.await();
            long running = Heap.liveBytes();
            long released = System.nanoTime();
            gate.countDown();
            ExecutionResult result = handle.await();
            double wallMillis = (System.nanoTime() - released) / 1e6;
            long finished = Heap.liveBytes();
            int nodes = dag.size();
            if (result.nodes().size() != nodes) {
                throw new IllegalStateException(
                        "the result lists " + result.nodes().size() + " of " + nodes + " nodes");
            }
            return new MemoryResult("memory", options.shape().cliName(), described.name(), backend.name(), nodes,
                    described.edges(), options.workers(), Heap.maxBytes(), baseline, defined - baseline,
                    running - defined, finished - defined, Math.max(running, finished),
                    (double) (defined - baseline) / nodes, (double) (running - defined) / nodes,
                    (double) (finished - defined) / nodes, wallMillis, nodes / (wallMillis / 1000.0),
                    result.status().name());
        }
    }

    private record Described(Dag dag, String name, long edges) {
    }

    /** Builds the DAG and lets the generator's arrays go, so only what the engine keeps is measured. */
    private Described describe() {
        int nodes = options.nodesOr(Scenario.MEMORY.defaultNodes());
        GeneratedDag shape = Shapes.of(options.shape(), options.forScenario(options.shape(), nodes));
        return new Described(Dag.of(shape.toDefinition()), shape.name(), shape.edges());
    }
}
