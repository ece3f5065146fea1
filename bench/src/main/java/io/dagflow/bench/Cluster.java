package io.dagflow.bench;

import io.dagflow.handler.HandlerRegistry;
import io.dagflow.model.Dag;
import io.dagflow.run.ExecutionHandle;
import io.dagflow.run.StartOptions;
import io.dagflow.run.WorkflowEngine;
import io.dagflow.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Orchestrators and workers sharing one environment, as separate processes would share Redis.
 * Workers are created stopped, so a benchmark can look at an execution whose tasks are all
 * queued before any runs.
 */
final class Cluster implements AutoCloseable {

    private final List<WorkflowEngine> engines = new ArrayList<>();
    private final List<Worker> workers = new ArrayList<>();
    private boolean workersStarted;

    Cluster(Backend.Environment environment, int orchestrators, int workerInstances, int workerThreads,
            HandlerRegistry handlers) {
        for (int i = 1; i <= orchestrators; i++) {
            engines.add(WorkflowEngine.builder(environment.transport(), environment.stores())
                    .orchestratorWrites(environment.orchestratorWrites())
                    .orchestratorId("orchestrator-" + i)
                    .build());
        }
        for (int i = 1; i <= workerInstances; i++) {
            workers.add(new Worker(environment.workerOptions("worker-" + i, workerThreads),
                    environment.transport(), environment.stores().results(), environment.attemptReporter(),
                    handlers));
        }
    }

    Cluster startWorkers() {
        if (!workersStarted) {
            workersStarted = true;
            workers.forEach(Worker::start);
        }
        return this;
    }

    /** Starts an execution on orchestrator {@code number % orchestrators}. */
    ExecutionHandle start(int number, Dag dag, StartOptions options) {
        return engines.get(number % engines.size()).start(dag, null, options);
    }

    @Override
    public void close() {
        for (Worker worker : workers) {
            worker.stop(Duration.ofSeconds(2));
        }
        engines.forEach(WorkflowEngine::close);
    }
}
