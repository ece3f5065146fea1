package io.dagflow.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagflow.event.EventType;
import io.dagflow.event.WorkflowEvent;
import io.dagflow.handler.HandlerRegistry;
import io.dagflow.json.Json;
import io.dagflow.model.NodeStatus;
import io.dagflow.model.WorkflowDefinition;
import io.dagflow.model.WorkflowStatus;
import io.dagflow.run.EventFields;
import io.dagflow.run.ExecutionHandle;
import io.dagflow.run.ExecutionResult;
import io.dagflow.run.StartOptions;
import io.dagflow.run.WorkflowEngine;
import io.dagflow.transport.Delivery;
import io.dagflow.transport.TaskMessage;
import io.dagflow.validation.InvalidWorkflowException;
import io.dagflow.validation.WorkflowLoader;
import io.dagflow.worker.AttemptReporter;
import io.dagflow.worker.ExecutionKey;
import io.dagflow.worker.Worker;
import io.dagflow.worker.WorkerOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Cancels and failures that reach the work on Redis, between processes that share only the server. */
@Timeout(60)
class RedisCancellationTest {

    private final String prefix = "cancel-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<AutoCloseable> closeLast = new ArrayList<>();
    private final List<Worker> workers = new ArrayList<>();
    private final List<WorkflowEngine> engines = new ArrayList<>();
    private final CountDownLatch running = new CountDownLatch(1);
    private final CountDownLatch interrupted = new CountDownLatch(1);
    private final AtomicInteger quickRuns = new AtomicInteger();

    @AfterEach
    void stopEverything() throws Exception {
        workers.forEach(worker -> worker.stop(Duration.ofSeconds(1)));
        engines.forEach(WorkflowEngine::close);
        for (AutoCloseable closeable : closeLast) {
            closeable.close();
        }
    }

    @Test
    void aCancelStopsTheAttemptRunningOnAnotherWorkerAndNoQueuedTaskOfTheExecutionEverStarts() throws Exception {
        WorkflowEngine engine = engine("orchestrator-c", RedisTransport.Settings.DEFAULT);
        worker("busy-worker", "default", handlers());
        StringBuilder nodes = new StringBuilder("{\"id\": \"long\", \"handler\": \"block\"}");
        for (int i = 0; i < 10; i++) {
            nodes.append(", {\"id\": \"q").append(i).append("\", \"handler\": \"quick\", \"queue\": \"later\"}");
        }
        ExecutionHandle handle = engine.start(parse("{\"name\": \"cancel-on-redis\", \"dag\": {\"nodes\": ["
                + nodes + "]}}"), Json.object(), StartOptions.defaults());
        assertThat(running.await(20, TimeUnit.SECONDS)).isTrue();

        long cancelledAt = System.nanoTime();
        handle.cancel("deploy aborted");
        assertThat(interrupted.await(2, TimeUnit.SECONDS)).isTrue();
        ExecutionResult result = handle.await();

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cancelledAt)).isLessThan(5000);
        assertThat(result.status()).isEqualTo(WorkflowStatus.CANCELLED);
        assertThat(result.nodeCounts()).containsEntry(NodeStatus.CANCELLED, 11);
        RedisBackend inspector = backend(RedisTransport.Settings.DEFAULT);
        WorkflowEvent stopped = inspector.stores().events().read(result.executionId()).stream()
                .filter(e -> e.type() == EventType.NODE_CANCELLED && "long".equals(e.nodeId())).findFirst()
                .orElseThrow();
        assertThat(stopped.detail(EventFields.REASON)).isEqualTo("while its handler ran on busy-worker");

        // A worker for the queue comes later: every claim of the cancelled execution's tasks is refused.
        List<Delivery<TaskMessage>> waiting = inspector.transport().receiveTasks("late-worker", List.of("later"), 100,
                Duration.ofSeconds(2));
        assertThat(waiting).hasSize(10);
        List<Optional<ExecutionKey>> answers = inspector.attemptReporter().claimAll(
                waiting.stream().map(task -> new AttemptReporter.Claim(task, null)).toList());
        assertThat(answers).allSatisfy(answer -> assertThat(answer)
                .hasValueSatisfying(key -> assertThat(key.state()).isEqualTo(ExecutionKey.State.CANCELLED)));
        assertThat(quickRuns).hasValue(0);
    }

    @Test
    void aTaskDeadLetteredAfterTooManyDeliveriesFailsItsNodeWithTheReason() throws Exception {
        RedisTransport.Settings oneDelivery = RedisTransport.Settings.DEFAULT.withMaxDeliveries(1)
                .withVisibilityTimeout(Duration.ofMillis(300)).withClaimInterval(Duration.ofMillis(100));
        WorkflowEngine engine = engine("orchestrator-d", oneDelivery);
        ExecutionHandle handle = engine.start(parse("""
                {"name": "dead-letter", "dag": {"nodes": [{"id": "doomed", "handler": "quick"}]}}"""),
                Json.object(), StartOptions.defaults());
        // A consumer takes the task and dies with it, never acknowledging it.
        RedisBackend ghost = backend(oneDelivery);
        assertThat(ghost.transport().receiveTasks("ghost", List.of("default"), 1, Duration.ofSeconds(10))).hasSize(1);

        worker("survivor", "default", handlers(), oneDelivery);
        ExecutionResult result = handle.await();

        assertThat(result.status()).isEqualTo(WorkflowStatus.FAILED);
        assertThat(result.nodes().get("doomed").error())
                .startsWith("the task was dead-lettered: delivered 2 times without being acknowledged");
        assertThat(quickRuns).hasValue(0);
    }

    @Test
    void anEndingTheServerRefusesForGoodFailsItsNodeInsteadOfItsTaskComingBackForever() throws Exception {
        WorkflowEngine engine = engine("orchestrator-e", RedisTransport.Settings.DEFAULT);
        RedisBackend inspector = backend(RedisTransport.Settings.DEFAULT);
        String executionId = "refused-" + UUID.randomUUID().toString().substring(0, 8);
        // Whatever the reason a server refuses a write for good, here: the results key holds another type.
        inspector.commands().run("spoil", jedis -> jedis.set(inspector.keys().results(executionId), "not a hash"));
        worker("writer", "default", handlers());

        ExecutionResult result = engine.start(parse("""
                {"name": "refused", "dag": {"nodes": [{"id": "step", "handler": "quick"}]}}"""),
                Json.object(), StartOptions.defaults().withExecutionId(executionId)).await();

        assertThat(result.status()).isEqualTo(WorkflowStatus.FAILED);
        assertThat(result.nodes().get("step").error()).startsWith("the outcome of attempt 1 could not be stored: ");
    }

    @Test
    void aQueueIsServedWhileALiveWorkerReadsItAndNoLongerOnceItStopped() throws Exception {
        RedisBackend orchestrator = backend(RedisTransport.Settings.DEFAULT);
        assertThat(orchestrator.transport().isServed("gpu")).isFalse();

        Worker gpu = worker("gpu-worker", "gpu", handlers());
        assertThat(orchestrator.transport().isServed("gpu")).isTrue();
        assertThat(orchestrator.transport().isServed("default")).isFalse();

        gpu.stop(Duration.ofSeconds(1));
        assertThat(orchestrator.transport().isServed("gpu")).isFalse();
    }

    private HandlerRegistry handlers() {
        return new HandlerRegistry()
                .register("block", ctx -> {
                    running.countDown();
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                        throw e;
                    }
                    return Json.object();
                })
                .register("quick", ctx -> {
                    quickRuns.incrementAndGet();
                    return Json.object();
                });
    }

    private WorkflowEngine engine(String orchestratorId, RedisTransport.Settings settings) {
        RedisBackend backend = backend(settings);
        WorkflowEngine engine = WorkflowEngine.builder(backend.transport(), backend.stores())
                .orchestratorWrites(backend.orchestratorWrites())
                .orchestratorId(orchestratorId).definitionParser(RedisCancellationTest::parse).build();
        engines.add(engine);
        return engine;
    }

    private Worker worker(String id, String queue, HandlerRegistry handlers) {
        return worker(id, queue, handlers, RedisTransport.Settings.DEFAULT);
    }

    private Worker worker(String id, String queue, HandlerRegistry handlers, RedisTransport.Settings settings) {
        RedisBackend backend = backend(settings);
        Worker worker = new Worker(new WorkerOptions(id, List.of(queue), 2, Duration.ofMillis(200)),
                backend.transport(), backend.stores().results(), backend.attemptReporter(), handlers).start();
        workers.add(worker);
        return worker;
    }

    private RedisBackend backend(RedisTransport.Settings settings) {
        RedisBackend backend = RedisBackend.connect(RedisServerProcess.shared().config(prefix), settings);
        closeLast.add(backend);
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
