package io.dagflow.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.dagflow.event.EventType;
import io.dagflow.event.WorkflowEvent;
import io.dagflow.handler.HandlerRegistry;
import io.dagflow.json.Json;
import io.dagflow.model.NodeStatus;
import io.dagflow.model.WorkflowDefinition;
import io.dagflow.model.WorkflowStatus;
import io.dagflow.store.Stores;
import io.dagflow.transport.InMemoryTransport;
import io.dagflow.validation.InvalidWorkflowException;
import io.dagflow.validation.WorkflowLoader;
import io.dagflow.worker.Worker;
import io.dagflow.worker.WorkerOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Nothing waits forever: queue time-outs, the workflow's deadline, results that cannot be stored. */
@Timeout(30)
class TimeLimitsTest {

    private final InMemoryTransport transport = new InMemoryTransport();
    private final Stores stores = Stores.inMemory();
    private final HandlerRegistry handlers = new HandlerRegistry();
    private final AtomicInteger gpuCalls = new AtomicInteger();
    private WorkflowEngine engine;
    private Worker worker;

    @BeforeEach
    void engineWithAWorkerOnTheDefaultQueueOnly() {
        handlers.register("quick", ctx -> Json.object());
        handlers.register("gpu", ctx -> {
            gpuCalls.incrementAndGet();
            return Json.object();
        });
        handlers.register("block", ctx -> {
            new CountDownLatch(1).await();
            return Json.object();
        });
        handlers.register("deep", ctx -> {
            JsonNode deepest = Json.object();
            for (int i = 0; i < 1000; i++) {
                ArrayNode wrapper = Json.mapper().createArrayNode();
                wrapper.add(deepest);
                deepest = wrapper;
            }
            return deepest;
        });
        engine = WorkflowEngine.builder(transport, stores).orchestratorId("limits")
                .definitionParser(TimeLimitsTest::parse).build();
        worker = new Worker(new WorkerOptions("cpu-worker", List.of("default"), 2, Duration.ofMillis(100)), transport,
                stores.results(), stores.idempotency(), handlers).start();
    }

    @AfterEach
    void close() {
        worker.stop(Duration.ofSeconds(1));
        engine.close();
    }

    private ExecutionResult run(String definition) throws InterruptedException {
        return engine.start(parse(definition), Json.object(), StartOptions.defaults()).await();
    }

    private List<WorkflowEvent> events(String executionId, String nodeId) {
        return stores.events().read(executionId).stream().filter(e -> nodeId.equals(e.nodeId())).toList();
    }

    @Test
    void aNodeOnAQueueNoWorkerServesFailsAfterItsQueueTimeoutAndIsRetriedFirst() throws Exception {
        ExecutionResult result = run("""
                {"name": "unserved", "dag": {"nodes": [
                  {"id": "train", "handler": "gpu", "queue": "gpu", "queue_timeout_seconds": 0.3,
                   "retry_policy": {"max_attempts": 2, "initial_backoff_seconds": 0}},
                  {"id": "report", "handler": "quick", "dependencies": ["train"]}
                ]}}""");

        assertThat(result.status()).isEqualTo(WorkflowStatus.FAILED);
        assertThat(result.nodes().get("train").status()).isEqualTo(NodeStatus.FAILED);
        assertThat(result.nodes().get("train").attempts()).isEqualTo(2);
        assertThat(result.nodes().get("train").error())
                .isEqualTo("no worker took the task from queue 'gpu' within 0.300 s");
        assertThat(result.nodes().get("report").status()).isEqualTo(NodeStatus.BLOCKED);
        assertThat(events(result.executionId(), "train")).filteredOn(e -> e.type() == EventType.NODE_TIMED_OUT)
                .hasSize(2)
                .allSatisfy(e -> assertThat(e.details().path(EventFields.QUEUE_TIMEOUT_MS).asLong()).isEqualTo(300));
    }

    @Test
    void aTaskWaitingOnAQueueNoWorkerServesIsReportedAtOnceInTheHistory() throws Exception {
        ExecutionResult result = run("""
                {"name": "unserved-report", "dag": {"nodes": [
                  {"id": "train", "handler": "gpu", "queue": "gpu", "queue_timeout_seconds": 0.5},
                  {"id": "prepare", "handler": "quick"}
                ]}}""");

        List<WorkflowEvent> warnings = stores.events().read(result.executionId()).stream()
                .filter(e -> e.type() == EventType.QUEUE_UNSERVED).toList();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).detail(EventFields.QUEUE)).isEqualTo("gpu");
        assertThat(warnings.get(0).details().path(EventFields.WAITING).get(0).asText()).isEqualTo("train");
        long dispatched = events(result.executionId(), "train").get(0).time();
        assertThat(warnings.get(0).time() - dispatched).isLessThan(500);
        assertThat(io.dagflow.report.EventLine.format(warnings.get(0)))
                .endsWith("no worker is serving queue 'gpu': train waits until a worker for it starts"
                        + " (or its queue_timeout_seconds)");
    }

    @Test
    void aTaskTakenBackAfterItsQueueTimeoutNeverRunsWhenAWorkerForItsQueueAppearsLater() throws Exception {
        ExecutionResult result = run("""
                {"name": "late-worker", "defaults": {"queue_timeout_seconds": 0.2},
                 "dag": {"nodes": [{"id": "train", "handler": "gpu", "queue": "gpu"}]}}""");
        assertThat(result.status()).isEqualTo(WorkflowStatus.FAILED);
        // Its task is gone from the queue: a worker for 'gpu' starting now finds nothing to run.
        assertThat(transport.pollTasks("gpu-worker", List.of("gpu"), 10)).isEmpty();
        assertThat(gpuCalls).hasValue(0);
    }

    @Test
    void aNodeThatStartedInTimeIsNotCutShortByItsQueueTimeout() throws Exception {
        handlers.register("slow", ctx -> {
            Thread.sleep(400);
            return Json.tree("{\"done\": true}");
        });

        ExecutionResult result = run("""
                {"name": "started-in-time", "dag": {"nodes": [
                  {"id": "work", "handler": "slow", "queue_timeout_seconds": 0.1}
                ]}}""");

        assertThat(result.status()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(events(result.executionId(), "work")).extracting(WorkflowEvent::type)
                .doesNotContain(EventType.NODE_TIMED_OUT);
    }

    @Test
    void theWorkflowFailsWhenItsDeadlinePassesAndItsRunningNodesAreCancelled() throws Exception {
        ExecutionResult result = run("""
                {"name": "deadline", "deadline_seconds": 0.5, "dag": {"nodes": [
                  {"id": "forever", "handler": "block"},
                  {"id": "after", "handler": "quick", "dependencies": ["forever"]}
                ]}}""");

        assertThat(result.status()).isEqualTo(WorkflowStatus.FAILED);
        assertThat(result.error()).isEqualTo("the workflow's deadline of 0.500 s passed");
        assertThat(result.nodes().get("forever").status()).isEqualTo(NodeStatus.CANCELLED);
        assertThat(result.nodes().get("after").status()).isEqualTo(NodeStatus.CANCELLED);
        assertThat(result.finishedAt() - result.startedAt()).isLessThan(Duration.ofSeconds(5).toMillis());
    }

    @Test
    void aResultNestedTooDeeplyToBeStoredFailsItsNodeAndTheWorkflowEnds() throws Exception {
        ExecutionResult result = run("""
                {"name": "deep", "dag": {"nodes": [{"id": "deep", "handler": "deep"}]}}""");

        assertThat(result.status()).isEqualTo(WorkflowStatus.FAILED);
        assertThat(result.nodes().get("deep").error()).isEqualTo(
                "the handler's result cannot be stored: the result nests arrays and objects more than 900 levels"
                        + " deep (the limit for a result)");
    }

    private static WorkflowDefinition parse(String source) {
        try {
            return new WorkflowLoader().parse(source, "test.json");
        } catch (InvalidWorkflowException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
