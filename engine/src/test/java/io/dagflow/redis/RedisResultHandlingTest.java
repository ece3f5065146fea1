package io.dagflow.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagflow.event.EventType;
import io.dagflow.event.WorkflowEvent;
import io.dagflow.handler.HandlerException;
import io.dagflow.handler.HandlerRegistry;
import io.dagflow.json.Json;
import io.dagflow.model.WorkflowDefinition;
import io.dagflow.model.WorkflowStatus;
import io.dagflow.run.ExecutionHandle;
import io.dagflow.run.ExecutionResult;
import io.dagflow.run.StartOptions;
import io.dagflow.run.WorkflowEngine;
import io.dagflow.transport.ResultMessage;
import io.dagflow.transport.TaskMessage;
import io.dagflow.validation.InvalidWorkflowException;
import io.dagflow.validation.WorkflowLoader;
import io.dagflow.worker.Worker;
import io.dagflow.worker.WorkerOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Results an orchestrator must not act on, sent through Redis while an execution runs: copies of
 * a result it already took, results of an attempt that no longer counts, and entries that are not
 * results at all.
 */
@Timeout(60)
class RedisResultHandlingTest {

    private static final String WORKFLOW = """
            {"name": "results", "dag": {"nodes": [
              {"id": "flaky", "handler": "flaky", "retry_policy": {"max_attempts": 2, "initial_backoff_seconds": 0.05}},
              {"id": "next", "handler": "next", "dependencies": ["flaky"], "config": {"from": "{{flaky.from}}"}}
            ]}}
            """;

    private final String prefix = "results-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<RedisBackend> backends = new ArrayList<>();
    private Worker worker;
    private WorkflowEngine engine;

    @AfterEach
    void stopEverything() {
        if (worker != null) {
            worker.stop(Duration.ofSeconds(1));
        }
        if (engine != null) {
            engine.close();
        }
        backends.forEach(RedisBackend::close);
    }

    @Test
    void staleAndDuplicateResultsAreAcknowledgedAndIgnored() throws Exception {
        CountDownLatch secondAttemptRuns = new CountDownLatch(1);
        CountDownLatch releaseSecondAttempt = new CountDownLatch(1);
        CountDownLatch nextRuns = new CountDownLatch(1);
        CountDownLatch releaseNext = new CountDownLatch(1);
        startWorker(new HandlerRegistry()
                .register("flaky", ctx -> {
                    if (ctx.attempt() == 1) {
                        throw HandlerException.retriable("first attempt fails");
                    }
                    secondAttemptRuns.countDown();
                    releaseSecondAttempt.await();
                    return Json.tree("{\"from\": \"attempt 2\"}");
                })
                .register("next", ctx -> {
                    nextRuns.countDown();
                    releaseNext.await();
                    return ctx.config();
                }));
        engine = engine("orchestrator-r");
        ExecutionHandle execution = engine.start(parse(WORKFLOW), Json.object(), StartOptions.defaults());
        RedisTransport transport = backend().transport();
        assertThat(secondAttemptRuns.await(20, TimeUnit.SECONDS)).isTrue();

        transport.sendResults(List.of(
                succeeded(execution.executionId(), "flaky", 1, "{\"from\": \"stale attempt 1\"}"),
                succeeded(execution.executionId(), "flaky", 3, "{\"from\": \"attempt 3, never dispatched\"}")));
        releaseSecondAttempt.countDown();
        assertThat(nextRuns.await(20, TimeUnit.SECONDS)).isTrue();
        transport.sendResults(List.of(
                succeeded(execution.executionId(), "flaky", 2, "{\"from\": \"a second copy of attempt 2\"}")));
        releaseNext.countDown();
        ExecutionResult result = execution.await();

        assertThat(result.status()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(result.nodes().get("flaky").result().path("from").asText()).isEqualTo("attempt 2");
        assertThat(result.nodes().get("next").result().path("from").asText()).isEqualTo("attempt 2");
        List<WorkflowEvent> events = backend().stores().events().read(result.executionId());
        assertThat(events).filteredOn(event -> event.type() == EventType.NODE_COMPLETED)
                .extracting(event -> event.nodeId() + "#" + event.attempt()).containsExactly("flaky#2", "next#1");
        assertThat(streamLength(backend().keys().resultStream("orchestrator-r"))).isZero();
    }

    @Test
    void entriesOnTheResultStreamThatAreNotResultsAreDeadLetteredWhileTheExecutionGoesOn() throws Exception {
        CountDownLatch flakyRuns = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        startWorker(new HandlerRegistry()
                .register("flaky", ctx -> {
                    flakyRuns.countDown();
                    release.await();
                    return Json.tree("{\"from\": \"attempt " + ctx.attempt() + "\"}");
                })
                .register("next", ctx -> ctx.config()));
        engine = engine("orchestrator-m");
        ExecutionHandle execution = engine.start(parse(WORKFLOW), Json.object(), StartOptions.defaults());
        assertThat(flakyRuns.await(20, TimeUnit.SECONDS)).isTrue();
        String stream = backend().keys().resultStream("orchestrator-m");

        StreamEntryID notJson = rawAdd(stream, Map.of("m", "{\"execution_id\": "));
        StreamEntryID noNode = rawAdd(stream, Map.of("m",
                "{\"execution_id\": \"" + execution.executionId() + "\", \"attempt\": 1, \"kind\": \"SUCCEEDED\"}"));
        release.countDown();
        ExecutionResult result = execution.await();

        assertThat(result.status()).isEqualTo(WorkflowStatus.COMPLETED);
        List<StreamEntry> dead = backend().commands().call("read dead letters",
                jedis -> jedis.xrange(backend().keys().deadLetters(), "-", "+"));
        assertThat(dead).extracting(entry -> entry.getFields().get("entry_id"))
                .containsExactly(notJson.toString(), noNode.toString());
        assertThat(dead).allSatisfy(entry -> assertThat(entry.getFields())
                .containsEntry("source_stream", stream).containsEntry("group", RedisKeys.RESULT_GROUP));
        assertThat(dead.get(1).getFields().get("reason")).contains("node_id");
        assertThat(streamLength(stream)).isZero();
    }

    private static ResultMessage succeeded(String executionId, String nodeId, int attempt, String result) {
        TaskMessage task = new TaskMessage(executionId, "results", nodeId, attempt, nodeId, "default", Json.object(),
                Map.of(), Json.object(), "orchestrator-r", 1, 0);
        return ResultMessage.succeeded(task, "impostor", 1, 2, Json.tree(result), true);
    }

    private void startWorker(HandlerRegistry handlers) {
        RedisBackend backend = backend();
        worker = new Worker(new WorkerOptions("worker", List.of("default"), 2, Duration.ofMillis(200)),
                backend.transport(), backend.stores().results(), backend.attemptReporter(), handlers).start();
    }

    private WorkflowEngine engine(String orchestratorId) {
        RedisBackend backend = backend();
        return WorkflowEngine.builder(backend.transport(), backend.stores()).orchestratorId(orchestratorId)
                .orchestratorWrites(backend.orchestratorWrites())
                .definitionParser(RedisResultHandlingTest::parse).build();
    }

    private RedisBackend backend() {
        RedisBackend backend = RedisBackend.connect(RedisServerProcess.shared().config(prefix));
        backends.add(backend);
        return backend;
    }

    private long streamLength(String stream) {
        return backend().commands().call("length", jedis -> jedis.xlen(stream));
    }

    private StreamEntryID rawAdd(String stream, Map<String, String> fields) {
        return backend().commands().call("raw add", jedis -> jedis.xadd(stream, StreamEntryID.NEW_ENTRY, fields));
    }

    private static WorkflowDefinition parse(String source) {
        try {
            return new WorkflowLoader().parse(source, "test.json");
        } catch (InvalidWorkflowException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
