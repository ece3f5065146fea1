package io.dagflow.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagflow.event.EventType;
import io.dagflow.event.WorkflowEvent;
import io.dagflow.handler.HandlerRegistry;
import io.dagflow.json.Json;
import io.dagflow.model.WorkflowDefinition;
import io.dagflow.model.WorkflowStatus;
import io.dagflow.run.ExecutionHandle;
import io.dagflow.run.ExecutionResult;
import io.dagflow.run.StartOptions;
import io.dagflow.run.WorkflowEngine;
import io.dagflow.validation.InvalidWorkflowException;
import io.dagflow.validation.WorkflowLoader;
import io.dagflow.worker.Worker;
import io.dagflow.worker.WorkerOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Redis (append-only, so nothing acknowledged is lost) goes down while an orchestrator or a worker
 * has something to write: they keep it and write it once the server is back, instead of giving up.
 */
@Timeout(60)
class RedisOutageTest {

    private RedisServerProcess server;
    private final List<RedisBackend> backends = new ArrayList<>();
    private final List<Worker> workers = new ArrayList<>();
    private final List<WorkflowEngine> engines = new ArrayList<>();

    @BeforeEach
    void startServer() {
        server = RedisServerProcess.builder().appendOnly(true).start();
    }

    @AfterEach
    void stopEverything() {
        workers.forEach(worker -> worker.stop(Duration.ofSeconds(1)));
        engines.forEach(WorkflowEngine::close);
        backends.forEach(RedisBackend::close);
        server.close();
    }

    @Test
    void aWorkerThatFinishesWhileRedisIsDownReportsItsOutcomeOnceRedisIsBack() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        worker(new HandlerRegistry().register("step", ctx -> {
            runs.incrementAndGet();
            entered.countDown();
            release.await();
            return Json.tree("{\"done\": true}");
        }));
        WorkflowEngine engine = engine();
        ExecutionHandle execution = engine.start(parse("""
                {"name": "outage", "dag": {"nodes": [{"id": "step", "handler": "step"}]}}
                """), Json.object(), StartOptions.defaults());
        assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();

        server.kill();
        release.countDown();
        server.restart();

        ExecutionResult result = execution.await();
        assertThat(result.status()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(result.nodes().get("step").result().path("done").asBoolean()).isTrue();
        assertThat(runs).hasValue(1);
    }

    @Test
    void anOrchestratorThatDecidesWhileRedisIsDownWritesItsDecisionOnceRedisIsBack() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        worker(new HandlerRegistry().register("stuck", ctx -> {
            try {
                new CountDownLatch(1).await();
            } finally {
                interrupted.countDown();
            }
            return Json.object();
        }));
        WorkflowEngine engine = engine();
        CountDownLatch started = new CountDownLatch(1);
        ExecutionHandle execution = engine.start(parse("""
                {"name": "timeout-during-outage", "dag": {"nodes": [
                  {"id": "stuck", "handler": "stuck", "timeout_seconds": 1, "retry_policy": {"max_attempts": 1}}
                ]}}
                """), Json.object(), StartOptions.defaults().withListener(event -> {
                    if (event.type() == EventType.NODE_STARTED) {
                        started.countDown();
                    }
                }));
        assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();

        server.kill();
        // The worker gives up on the attempt a second after the orchestrator's time-out fired, so by
        // now the orchestrator has decided, and failed to write, that the attempt timed out.
        assertThat(interrupted.await(20, TimeUnit.SECONDS)).isTrue();
        server.restart();

        ExecutionResult result = execution.await();
        assertThat(result.status()).isEqualTo(WorkflowStatus.FAILED);
        List<WorkflowEvent> events = backend().stores().events().read(result.executionId());
        assertThat(events).extracting(WorkflowEvent::type).containsSubsequence(EventType.NODE_STARTED,
                EventType.NODE_TIMED_OUT, EventType.NODE_FAILED, EventType.WORKFLOW_FAILED);
        assertThat(backend().stores().executions().find(result.executionId()))
                .hasValueSatisfying(record -> assertThat(record.status()).isEqualTo(WorkflowStatus.FAILED));
    }

    private WorkflowEngine engine() {
        RedisBackend backend = backend();
        WorkflowEngine engine = WorkflowEngine.builder(backend.transport(), backend.stores())
                .orchestratorWrites(backend.orchestratorWrites())
                .orchestratorId("orchestrator").definitionParser(RedisOutageTest::parse).build();
        engines.add(engine);
        return engine;
    }

    private void worker(HandlerRegistry handlers) {
        RedisBackend backend = backend();
        workers.add(new Worker(new WorkerOptions("worker", List.of("default"), 2, Duration.ofMillis(200)),
                backend.transport(), backend.stores().results(), backend.attemptReporter(), handlers).start());
    }

    private RedisBackend backend() {
        RedisBackend backend = RedisBackend.connect(server.config("outage"));
        backends.add(backend);
        return backend;
    }

    private static WorkflowDefinition parse(String source) {
        try {
            return new WorkflowLoader().parse(source, "test.json");
        } catch (InvalidWorkflowException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
