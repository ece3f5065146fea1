package io.dagflow.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dagflow.event.EventType;
import io.dagflow.event.WorkflowEvent;
import io.dagflow.handler.HandlerRegistry;
import io.dagflow.json.Json;
import io.dagflow.model.NodeStatus;
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
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Orchestrators and workers that share nothing but a Redis server, as separate processes would. */
@Timeout(60)
class RedisEndToEndTest {

    private static final String FAN_IN = """
            {"name": "redis-fan-in", "dag": {"nodes": [
              {"id": "left", "handler": "value"},
              {"id": "right", "handler": "big"},
              {"id": "join", "handler": "echo", "dependencies": ["left", "right"],
               "config": {"n": "{{left.n}}", "size": "{{right.size}}"}},
              {"id": "report", "handler": "output", "dependencies": ["join"], "config": {"joined": "{{join}}"}}
            ]}}
            """;

    private static final String ONE_STEP = """
            {"name": "redis-one-step", "dag": {"nodes": [
              {"id": "step", "handler": "step"},
              {"id": "report", "handler": "output", "dependencies": ["step"], "config": {"step": "{{step}}"}}
            ]}}
            """;

    private final String prefix = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<AutoCloseable> closeLast = new ArrayList<>();
    private final List<Worker> workers = new ArrayList<>();
    private final List<WorkflowEngine> engines = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        workers.forEach(worker -> worker.stop(Duration.ofSeconds(1)));
        engines.forEach(WorkflowEngine::close);
        for (AutoCloseable closeable : closeLast) {
            closeable.close();
        }
    }

    @Test
    void aFanInWorkflowRunsOnTwoWorkersAndLeavesNoMessageBehind() throws Exception {
        WorkflowEngine engine = engine("orchestrator-a", RedisTransport.Settings.DEFAULT);
        worker("worker-1", standardHandlers(), RedisTransport.Settings.DEFAULT);
        worker("worker-2", standardHandlers(), RedisTransport.Settings.DEFAULT);

        ExecutionResult result = engine.start(parse(FAN_IN), Json.object(), StartOptions.defaults()).await();

        assertThat(result.status()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(result.nodeCounts()).containsEntry(NodeStatus.COMPLETED, 4);
        ObjectNode joined = (ObjectNode) result.outputs().path("report").path("joined");
        assertThat(joined.path("n").asInt()).isEqualTo(42);
        assertThat(joined.path("size").asInt()).isEqualTo(100_000);
        RedisBackend inspector = backend(RedisTransport.Settings.DEFAULT);
        assertThat(inspector.stores().executions().find(result.executionId()))
                .hasValueSatisfying(record -> assertThat(record.status()).isEqualTo(WorkflowStatus.COMPLETED));
        assertThat(inspector.stores().events().read(result.executionId())).extracting(WorkflowEvent::type)
                .startsWith(EventType.WORKFLOW_STARTED).endsWith(EventType.WORKFLOW_COMPLETED);
        assertThat(inspector.stores().results().get(result.executionId(), "right", 1))
                .hasValueSatisfying(big -> assertThat(big.path("size").asInt()).isEqualTo(100_000));
        assertThat(streamLength(inspector, inspector.keys().taskStream("default"))).isZero();
        assertThat(streamLength(inspector, inspector.keys().resultStream("orchestrator-a"))).isZero();
    }

    @Test
    void aTaskHandedBackByAStoppingWorkerIsFinishedByAnotherAfterTheVisibilityTimeout() throws Exception {
        RedisTransport.Settings quickRedelivery = RedisTransport.Settings.DEFAULT
                .withVisibilityTimeout(Duration.ofMillis(500)).withClaimInterval(Duration.ofMillis(100));
        WorkflowEngine engine = engine("orchestrator-b", quickRedelivery);
        CountDownLatch entered = new CountDownLatch(1);
        HandlerRegistry stuck = new HandlerRegistry().register("step", ctx -> {
            entered.countDown();
            new CountDownLatch(1).await();
            return Json.object();
        });
        Worker first = worker("stuck-worker", stuck, quickRedelivery);
        ExecutionHandle execution = engine.start(parse(ONE_STEP), Json.object(), StartOptions.defaults());
        assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();

        first.stop(Duration.ofMillis(50));
        worker("rescuer", new HandlerRegistry()
                .register("step", ctx -> Json.tree("{\"done_by\": \"rescuer\"}"))
                .register("output", ctx -> ctx.config()), quickRedelivery);
        ExecutionResult result = execution.await();

        assertThat(result.status()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(result.outputs().path("report").path("step").path("done_by").asText()).isEqualTo("rescuer");
    }

    @Test
    void aTaskRunningLongerThanTheVisibilityTimeoutStaysWithItsWorkerAndRunsOnce() throws Exception {
        RedisTransport.Settings quickRedelivery = RedisTransport.Settings.DEFAULT
                .withVisibilityTimeout(Duration.ofMillis(300)).withClaimInterval(Duration.ofMillis(50));
        WorkflowEngine engine = engine("orchestrator-long", quickRedelivery);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
        worker("long-runner", new HandlerRegistry().register("step", ctx -> {
            runs.incrementAndGet();
            entered.countDown();
            release.await();
            return Json.tree("{\"done\": true}");
        }).register("output", ctx -> ctx.config()), quickRedelivery);
        ExecutionHandle execution = engine.start(parse(ONE_STEP), Json.object(), StartOptions.defaults());
        assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();

        // Five visibility timeouts in which an idle consumer looks for abandoned tasks every 50 ms.
        List<?> stolen = backend(quickRedelivery).transport()
                .receiveTasks("idle-worker", List.of("default"), 1, Duration.ofMillis(1500));
        release.countDown();
        ExecutionResult result = execution.await();

        assertThat(stolen).isEmpty();
        assertThat(result.status()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(runs).hasValue(1);
    }

    @Test
    void anOrchestratorCancelsItsExecutionWhenAnotherAsksThroughRedis() throws Exception {
        WorkflowEngine owner = engine("orchestrator-owner", RedisTransport.Settings.DEFAULT);
        WorkflowEngine other = engine("orchestrator-other", RedisTransport.Settings.DEFAULT);
        CountDownLatch entered = new CountDownLatch(1);
        worker("worker", new HandlerRegistry().register("step", ctx -> {
            entered.countDown();
            new CountDownLatch(1).await();
            return Json.object();
        }).register("output", ctx -> ctx.config()), RedisTransport.Settings.DEFAULT);
        ExecutionHandle execution = owner.start(parse(ONE_STEP), Json.object(), StartOptions.defaults());
        assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();

        other.cancel(execution.executionId(), "stopped from another orchestrator");

        ExecutionResult result = execution.await();
        assertThat(result.status()).isEqualTo(WorkflowStatus.CANCELLED);
        assertThat(result.error()).contains("stopped from another orchestrator");
    }

    @Test
    void conditionsAndTriggerRulesDecideWhatRunsOnRedisWorkersAsInMemory() throws Exception {
        WorkflowEngine engine = engine("orchestrator-cond", RedisTransport.Settings.DEFAULT);
        worker("worker-c", standardHandlers().register("fail", ctx -> {
            throw io.dagflow.handler.HandlerException.permanent("tests failed");
        }), RedisTransport.Settings.DEFAULT);

        ExecutionResult result = engine.start(parse("""
                {"name": "redis-conditions", "dag": {"nodes": [
                  {"id": "build", "handler": "value"},
                  {"id": "deploy", "handler": "echo", "dependencies": ["build"], "when": "build.n > 100"},
                  {"id": "test", "handler": "fail", "dependencies": ["build"]},
                  {"id": "publish", "handler": "echo", "dependencies": ["test"]},
                  {"id": "cleanup", "handler": "echo", "dependencies": ["test", "deploy"], "trigger": "all_done"}
                ]}}"""), Json.object(), StartOptions.defaults()).await();

        assertThat(result.status()).isEqualTo(WorkflowStatus.FAILED);
        assertThat(result.nodes().get("deploy").status()).isEqualTo(NodeStatus.SKIPPED);
        assertThat(result.nodes().get("publish").status()).isEqualTo(NodeStatus.BLOCKED);
        assertThat(result.nodes().get("cleanup").status()).isEqualTo(NodeStatus.COMPLETED);
        RedisBackend inspector = backend(RedisTransport.Settings.DEFAULT);
        assertThat(inspector.stores().executions().find(result.executionId()).orElseThrow().nodeCounts())
                .containsEntry(NodeStatus.SKIPPED, 1).containsEntry(NodeStatus.BLOCKED, 1);
    }

    @Test
    void aWorkerOfSeveralQueuesWithOneSlotRunsEveryTaskOfEachQueue() throws Exception {
        WorkflowEngine engine = engine("orchestrator-queues", RedisTransport.Settings.DEFAULT);
        RedisBackend backend = backend(RedisTransport.Settings.DEFAULT);
        workers.add(new Worker(new WorkerOptions("one-slot", List.of("a", "b", "c"), 1, Duration.ofMillis(200)),
                backend.transport(), backend.stores().results(), backend.attemptReporter(), standardHandlers())
                .start());
        StringBuilder nodes = new StringBuilder();
        for (String queue : List.of("a", "b", "c")) {
            for (int i = 0; i < 4; i++) {
                nodes.append(nodes.length() == 0 ? "" : ", ").append("{\"id\": \"").append(queue).append(i)
                        .append("\", \"handler\": \"value\", \"queue\": \"").append(queue).append("\"}");
            }
        }

        ExecutionResult result = engine.start(parse("{\"name\": \"queues\", \"dag\": {\"nodes\": [" + nodes
                + "]}}"), Json.object(), StartOptions.defaults()).await();

        assertThat(result.status()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(result.nodeCounts()).containsEntry(NodeStatus.COMPLETED, 12);
    }

    @Test
    void aSecretIsResolvedOnTheRedisWorkerAndRedisNeverHoldsIt() throws Exception {
        WorkflowEngine engine = engine("orchestrator-secrets", RedisTransport.Settings.DEFAULT);
        worker("worker-s", standardHandlers(), RedisTransport.Settings.DEFAULT)
                .secrets(io.dagflow.worker.Secrets.of(java.util.Map.of("token", "redis-s3cr3t")));

        ExecutionResult result = engine.start(parse("""
                {"name": "redis-secrets", "dag": {"nodes": [
                  {"id": "use", "handler": "echo", "config": {"auth": "Bearer {{secrets.token}}"}}
                ]}}"""), Json.object(), StartOptions.defaults()).await();

        assertThat(result.nodes().get("use").result().path("auth").asText()).isEqualTo("Bearer ***");
        RedisBackend inspector = backend(RedisTransport.Settings.DEFAULT);
        String everything = inspector.commands().call("dump", jedis -> {
            StringBuilder all = new StringBuilder();
            for (String key : jedis.keys(prefix + "*")) {
                all.append(key).append('=').append(jedis.type(key)).append(' ');
                switch (jedis.type(key)) {
                    case "string" -> all.append(jedis.get(key));
                    case "hash" -> all.append(jedis.hgetAll(key));
                    case "stream" -> all.append(jedis.xrange(key, (redis.clients.jedis.StreamEntryID) null,
                            (redis.clients.jedis.StreamEntryID) null));
                    default -> all.append('?');
                }
                all.append('\n');
            }
            return all.toString();
        });
        assertThat(everything).contains("Bearer {{secrets.token}}").doesNotContain("redis-s3cr3t");
    }

    private WorkflowEngine engine(String orchestratorId, RedisTransport.Settings settings) {
        RedisBackend backend = backend(settings);
        WorkflowEngine engine = WorkflowEngine.builder(backend.transport(), backend.stores())
                .orchestratorWrites(backend.orchestratorWrites())
                .orchestratorId(orchestratorId).definitionParser(RedisEndToEndTest::parse).build();
        engines.add(engine);
        return engine;
    }

    private Worker worker(String id, HandlerRegistry handlers, RedisTransport.Settings settings) {
        RedisBackend backend = backend(settings);
        Worker worker = new Worker(new WorkerOptions(id, List.of("default"), 2, Duration.ofMillis(200)),
                backend.transport(), backend.stores().results(),
                backend.stores().idempotency(), handlers).start();
        workers.add(worker);
        return worker;
    }

    private RedisBackend backend(RedisTransport.Settings settings) {
        RedisBackend backend = RedisBackend.connect(RedisServerProcess.shared().config(prefix), settings);
        closeLast.add(backend);
        return backend;
    }

    private static HandlerRegistry standardHandlers() {
        return new HandlerRegistry()
                .register("value", ctx -> Json.tree("{\"n\": 42}"))
                .register("big", ctx -> {
                    ObjectNode big = Json.object();
                    big.put("payload", "x".repeat(100_000));
                    big.put("size", 100_000);
                    return big;
                })
                .register("echo", ctx -> ctx.config())
                .register("output", ctx -> ctx.config());
    }

    private static long streamLength(RedisBackend backend, String stream) {
        return backend.commands().call("length", jedis -> jedis.xlen(stream));
    }

    private static WorkflowDefinition parse(String source) {
        try {
            return new WorkflowLoader().parse(source, "test.json");
        } catch (InvalidWorkflowException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
