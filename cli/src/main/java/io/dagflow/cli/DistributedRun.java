package io.dagflow.cli;

import io.dagflow.handler.HandlerRegistry;
import io.dagflow.model.NodeDefinition;
import io.dagflow.model.WorkflowDefinition;
import io.dagflow.redis.OrchestratorPresence;
import io.dagflow.redis.RedisBackend;
import io.dagflow.run.ExecutionHandle;
import io.dagflow.run.WorkflowEngine;
import io.dagflow.worker.Secrets;
import io.dagflow.worker.Worker;
import io.dagflow.worker.WorkerOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Runs one execution with this process as its orchestrator on Redis, and with {@code workers}
 * task slots in this process too (none: other processes' workers run every task). The
 * in-process worker serves the queues of the workflow's nodes.
 */
final class DistributedRun {

    /** How long tasks still running in this process may finish once the execution ended. */
    private static final Duration WORKER_GRACE = Duration.ofSeconds(5);

    private DistributedRun() {
    }

    /**
     * @param takingOver whether this process takes over the id of an orchestrator that stopped
     *     (resume, which checked that it stopped); otherwise an id in use is refused
     */
    static int run(RedisBackend redis, HandlerRegistry handlers, Secrets secrets, int workers, String orchestratorId,
            boolean takingOver, WorkflowDefinition definition, ExecutionStarter starter, ExecutionOutput output)
            throws InterruptedException, IOException {
        return run(redis, handlers, secrets, workers, orchestratorId, false, takingOver, definition, starter, output);
    }

    /**
     * @param oneOff whether the orchestrator id was made up for this run: its result stream is
     *     then removed once the execution ended, instead of being left behind empty
     */
    static int run(RedisBackend redis, HandlerRegistry handlers, Secrets secrets, int workers, String orchestratorId,
            boolean oneOff,
            boolean takingOver, WorkflowDefinition definition, ExecutionStarter starter, ExecutionOutput output)
            throws InterruptedException, IOException {
        if (workers < 0) {
            throw new UserError("--workers must be 0 or more, was " + workers);
        }
        if (!takingOver && OrchestratorPresence.expiresIn(redis, orchestratorId).isPresent()) {
            // Two processes with one id would share one result stream and take each other's results.
            throw new UserError("orchestrator " + orchestratorId + " is running in another process (or stopped less"
                    + " than " + OrchestratorPresence.TTL.toSeconds() + " s ago); give another --orchestrator-id");
        }
        OrchestratorPresence presence = OrchestratorPresence.announce(redis, orchestratorId,
                "pid " + ProcessHandle.current().pid());
        WorkflowEngine engine = WorkflowEngine.builder(redis.transport(), redis.stores())
                .orchestratorWrites(redis.orchestratorWrites())
                .orchestratorId(orchestratorId).definitionParser(Definitions::parseStored).build();
        Worker worker = null;
        boolean ended = false;
        try {
            if (workers > 0) {
                List<String> queues = definition.nodes().stream().map(NodeDefinition::queue).distinct().toList();
                worker = new Worker(new WorkerOptions(orchestratorId + "-worker", queues, workers, Duration.ofSeconds(1)),
                        redis.transport(), redis.stores().results(), redis.attemptReporter(), handlers)
                        .secrets(secrets).start();
            }
            output.note("orchestrator " + orchestratorId + " on " + redis.config().redactedUrl()
                    + (workers > 0 ? " with " + workers + " task slot(s) here" : ", tasks run by other workers"));
            ExecutionHandle handle = starter.start(engine, output.progress());
            int exitCode = output.await(handle, redis.stores(), handlers);
            ended = true;
            return exitCode;
        } finally {
            if (worker != null) {
                worker.stop(WORKER_GRACE);
            }
            engine.close();
            if (oneOff && ended) {
                redis.transport().removeResultStreamIfEmpty(orchestratorId);
            }
            presence.close();
        }
    }
}
