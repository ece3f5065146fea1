package io.dagflow.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.embedded.EmbeddedEngine;
import io.dagflow.event.EventType;
import io.dagflow.event.WorkflowEvent;
import io.dagflow.handler.HandlerException;
import io.dagflow.handler.HandlerRegistry;
import io.dagflow.json.Json;
import io.dagflow.model.NodeStatus;
import io.dagflow.model.WorkflowDefinition;
import io.dagflow.model.WorkflowStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class OrchestrationTest {

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final HandlerRegistry handlers = new HandlerRegistry();
    private EmbeddedEngine embedded;
    private WorkflowDefinition lastDefinition;

    @BeforeEach
    void handlers() {
        handlers.register("echo", ctx -> {
            count(ctx.nodeId());
            return ctx.config();
        });
        handlers.register("value", ctx -> {
            count(ctx.nodeId());
            return Json.tree("{\"id\": 42, \"tags\": [\"a\", \"b\"], \"node\": \"" + ctx.nodeId() + "\"}");
        });
        handlers.register("fail", ctx -> {
            count(ctx.nodeId());
            throw HandlerException.retriable("boom in " + ctx.nodeId());
        });
        handlers.register("fail-permanently", ctx -> {
            count(ctx.nodeId());
            throw HandlerException.permanent("bad config in " + ctx.nodeId());
        });
        handlers.register("sleep", ctx -> {
            count(ctx.nodeId());
            Thread.sleep(ctx.config().path("millis").asLong());
            return Json.object();
        });
        embedded = EmbeddedEngine.builder(handlers).workers(8)
                .definitionParser(source -> lastDefinition).build();
    }

    @AfterEach
    void close() {
        embedded.close();
    }

    private void count(String nodeId) {
        calls.computeIfAbsent(nodeId, id -> new AtomicInteger()).incrementAndGet();
    }

    private int callsOf(String nodeId) {
        AtomicInteger count = calls.get(nodeId);
        return count == null ? 0 : count.get();
    }

    private ExecutionResult run(WorkflowDefinition definition) throws InterruptedException {
        return run(definition, Json.object());
    }

    private ExecutionResult run(WorkflowDefinition definition, JsonNode inputs) throws InterruptedException {
        lastDefinition = definition;
        return embedded.engine().start(definition, inputs, StartOptions.defaults()).await();
    }

    private List<EventType> eventTypes(String executionId, String nodeId) {
        return embedded.stores().events().read(executionId).stream()
                .filter(e -> nodeId.equals(e.nodeId()))
                .map(WorkflowEvent::type)
                .toList();
    }

    @Test
    void linearWorkflowPassesResultsDownstreamThroughTemplates() throws Exception {
        WorkflowDefinition definition = Workflows.named("linear")
                .node("fetch", "value")
                .configured("greet", "echo", "{\"user\": \"{{fetch.id}}\", \"text\": \"hi {{fetch.tags.1}}\"}", "fetch")
                .configured("out", "output", "{\"greeting\": \"{{greet.text}}\", \"user\": \"{{greet.user}}\"}", "greet")
                .build();
        handlers.register("output", ctx -> ctx.config());

        ExecutionResult result = run(definition);

        assertThat(result.status()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(result.nodes().get("greet").result()).isEqualTo(Json.tree("{\"user\": 42, \"text\": \"hi b\"}"));
        assertThat(result.outputs()).isEqualTo(Json.tree("{\"out\": {\"greeting\": \"hi b\", \"user\": 42}}"));
    }

    @Test
    void fanInNodeIsDispatchedOnceWhenItsParentsFinishAtTheSameInstant() throws Exception {
        int parents = 8;
        CyclicBarrier together = new CyclicBarrier(parents);
        handlers.register("together", ctx -> {
            count(ctx.nodeId());
            together.await(10, TimeUnit.SECONDS);
            return Json.object();
        });
        Workflows workflow = Workflows.named("fan-in").node("root", "echo");
        String[] parentIds = new String[parents];
        for (int i = 0; i < parents; i++) {
            parentIds[i] = "p" + i;
            workflow.node(parentIds[i], "together", "root");
        }
        WorkflowDefinition definition = workflow.node("join", "echo", parentIds).build();

        ExecutionResult result = run(definition);

        assertThat(result.status()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(callsOf("join")).isEqualTo(1);
        assertThat(eventTypes(result.executionId(), "join")).containsOnlyOnce(EventType.NODE_DISPATCHED);
    }

    @Test
    void independentBranchesRunInParallel() throws Exception {
        CountDownLatch bothRunning = new CountDownLatch(2);
        handlers.register("meet", ctx -> {
            bothRunning.countDown();
            if (!bothRunning.await(10, TimeUnit.SECONDS)) {
                throw HandlerException.permanent("the other branch never ran alongside");
            }
            return Json.object();
        });
        WorkflowDefinition definition = Workflows.named("parallel")
                .node("left", "meet").node("right", "meet").build();

        assertThat(run(definition).status()).isEqualTo(WorkflowStatus.COMPLETED);
    }

    @Test
    void retriableFailureIsRetriedWithBackoffUntilItSucceeds() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        handlers.register("flaky", ctx -> {
            if (attempts.incrementAndGet() < 3) {
                throw HandlerException.retriable("not yet (" + ctx.attempt() + ")");
            }
            return Json.tree("{\"attempt\": " + ctx.attempt() + "}");
        });
        WorkflowDefinition definition = Workflows.named("retry")
                .node("flaky", "flaky", "{}", Workflows.retries(3, 20), null).build();

        ExecutionResult result = run(definition);

        assertThat(result.status()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(result.nodes().get("flaky").attempts()).isEqualTo(3);
        assertThat(result.nodes().get("flaky").result().path("attempt").asInt()).isEqualTo(3);
        List<WorkflowEvent> retries = embedded.stores().events().read(result.executionId()).stream()
                .filter(e -> e.type() == EventType.NODE_RETRY).toList();
        assertThat(retries).extracting(e -> e.details().path("backoff_ms").asLong()).containsExactly(20L, 40L);
        assertThat(retries).extracting(e -> e.details().path("next_attempt").asInt()).containsExactly(2, 3);
        long firstFailure = retries.get(0).time();
        WorkflowEvent secondDispatch = embedded.stores().events().read(result.executionId()).stream()
                .filter(e -> e.type() == EventType.NODE_DISPATCHED && e.attempt() == 2).findFirst().orElseThrow();
        assertThat(secondDispatch.time() - firstFailure).isGreaterThanOrEqualTo(20);
    }

    @Test
    void permanentFailureIsNotRetried() throws Exception {
        WorkflowDefinition definition = Workflows.named("permanent")
                .node("bad", "fail-permanently", "{}", Workflows.retries(5, 1), null).build();

        ExecutionResult result = run(definition);

        assertThat(result.status()).isEqualTo(WorkflowStatus.FAILED);
        assertThat(callsOf("bad")).isEqualTo(1);
        assertThat(result.nodes().get("bad").error()).isEqualTo("bad config in bad");
    }

    @Test
    void blockedNodesStayBlockedWhileAnIndependentBranchCompletes() throws Exception {
        WorkflowDefinition definition = Workflows.named("blocking")
                .node("root", "echo")
                .node("broken", "fail", "root")
                .node("after", "echo", "broken")
                .node("after-after", "echo", "after")
                .configured("independent", "sleep", "{\"millis\": 50}", "root")
                .build();

        ExecutionResult result = run(definition);

        assertThat(result.status()).isEqualTo(WorkflowStatus.FAILED);
        assertThat(result.nodes().get("broken").status()).isEqualTo(NodeStatus.FAILED);
        assertThat(result.nodes().get("after").status()).isEqualTo(NodeStatus.BLOCKED);
        assertThat(result.nodes().get("after").blockedBy()).isEqualTo("broken");
        assertThat(result.nodes().get("after-after").blockedBy()).isEqualTo("broken");
        assertThat(result.nodes().get("independent").status()).isEqualTo(NodeStatus.COMPLETED);
        assertThat(callsOf("after")).isZero();
        assertThat(result.error()).contains("node 'broken' failed: boom in broken");
    }

    @Test
    void attemptThatOverrunsItsTimeoutIsTimedOutRetriedAndItsLateResultIgnored() throws Exception {
        handlers.register("slow-then-fast", ctx -> {
            count(ctx.nodeId());
            if (ctx.attempt() == 1) {
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(400);
                // Ignores interruption on purpose: a handler that does not cooperate must still be timed out.
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                return Json.tree("{\"from\": \"late attempt\"}");
            }
            return Json.tree("{\"from\": \"attempt " + ctx.attempt() + "\"}");
        });
        WorkflowDefinition definition = Workflows.named("timeout")
                .node("slow", "slow-then-fast", "{}", Workflows.retries(2, 1), Duration.ofMillis(100)).build();

        ExecutionResult result = run(definition);

        assertThat(result.status()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(result.nodes().get("slow").result().path("from").asText()).isEqualTo("attempt 2");
        assertThat(eventTypes(result.executionId(), "slow")).containsSubsequence(
                EventType.NODE_DISPATCHED, EventType.NODE_STARTED, EventType.NODE_TIMED_OUT, EventType.NODE_RETRY,
                EventType.NODE_DISPATCHED, EventType.NODE_STARTED, EventType.NODE_COMPLETED);
    }

    @Test
    void timedOutNodeWithoutRetriesFailsAndBlocksItsDependents() throws Exception {
        WorkflowDefinition definition = Workflows.named("timeout-fails")
                .node("slow", "sleep", "{\"millis\": 5000}", Workflows.retries(1, 1), Duration.ofMillis(100))
                .node("next", "echo", "slow")
                .build();

        ExecutionResult result = run(definition);

        assertThat(result.status()).isEqualTo(WorkflowStatus.FAILED);
        assertThat(result.nodes().get("slow").error()).isEqualTo("attempt 1 timed out after 0.100 s");
        assertThat(result.nodes().get("next").status()).isEqualTo(NodeStatus.BLOCKED);
    }

    @Test
    void missingTemplateKeyFailsTheNodeWithoutRetryAndBlocksDependents() throws Exception {
        WorkflowDefinition definition = Workflows.named("bad-template")
                .node("fetch", "value")
                .node("use", "echo", "{\"x\": \"{{fetch.user.name}}\"}", Workflows.retries(3, 1), null, "fetch")
                .node("after", "echo", "use")
                .build();

        ExecutionResult result = run(definition);

        assertThat(result.nodes().get("use").status()).isEqualTo(NodeStatus.FAILED);
        assertThat(result.nodes().get("use").error())
                .contains("{{fetch.user.name}}").contains("'fetch'").contains("'user'");
        assertThat(callsOf("use")).isZero();
        assertThat(result.nodes().get("after").blockedBy()).isEqualTo("use");
    }

    @Test
    void cancellingARunningWorkflowCancelsRunningAndPendingNodes() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        handlers.register("wait", ctx -> {
            started.countDown();
            Thread.sleep(10_000);
            return Json.object();
        });
        WorkflowDefinition definition = Workflows.named("cancel")
                .node("long", "wait").node("later", "echo", "long").build();
        lastDefinition = definition;
        ExecutionHandle handle = embedded.engine().start(definition, Json.object(), StartOptions.defaults());
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        handle.cancel("build aborted");
        ExecutionResult result = handle.await();

        assertThat(result.status()).isEqualTo(WorkflowStatus.CANCELLED);
        assertThat(result.error()).isEqualTo("build aborted");
        assertThat(result.nodes().get("long").status()).isEqualTo(NodeStatus.CANCELLED);
        assertThat(result.nodes().get("later").status()).isEqualTo(NodeStatus.CANCELLED);
        assertThat(embedded.stores().executions().find(result.executionId()).orElseThrow().status())
                .isEqualTo(WorkflowStatus.CANCELLED);
    }

    @Test
    void stateRebuiltFromEventsAloneMatchesTheFinishedExecution() throws Exception {
        WorkflowDefinition definition = Workflows.named("replay")
                .node("root", "echo")
                .node("flaky", "fail", "{}", Workflows.retries(2, 1), null, "root")
                .node("blocked", "echo", "flaky")
                .node("fine", "value", "root")
                .build();
        ExecutionResult result = run(definition);

        ExecutionState replayed = ExecutionState.replay(
                embedded.stores().events().read(result.executionId()), source -> definition);

        assertThat(replayed.status()).isEqualTo(result.status());
        for (String node : List.of("root", "flaky", "blocked", "fine")) {
            assertThat(replayed.nodeStatus(node)).as(node).isEqualTo(result.nodes().get(node).status());
        }
        assertThat(replayed.attempt(replayed.dag().indexOf("flaky"))).isEqualTo(2);
        assertThat(replayed.inputs()).isEqualTo(Json.object());
    }

    @Test
    void workflowTemplatesReadInputsIdAndName() throws Exception {
        WorkflowDefinition definition = Workflows.named("wf")
                .configured("show", "echo", "{\"who\": \"{{workflow.inputs.user}}\", \"run\": \"{{workflow.name}}/{{workflow.id}}\"}")
                .build();

        ExecutionResult result = run(definition, Json.tree("{\"user\": \"ada\"}"));

        JsonNode shown = result.nodes().get("show").result();
        assertThat(shown.path("who").asText()).isEqualTo("ada");
        assertThat(shown.path("run").asText()).isEqualTo("wf/" + result.executionId());
    }

    @Test
    void everyTransitionIsRecordedAsAnEvent() throws Exception {
        WorkflowDefinition definition = Workflows.named("events").node("a", "echo").node("b", "echo", "a").build();

        ExecutionResult result = run(definition);

        List<WorkflowEvent> events = embedded.stores().events().read(result.executionId());
        assertThat(events).extracting(WorkflowEvent::type).containsExactly(
                EventType.WORKFLOW_STARTED,
                EventType.NODE_DISPATCHED, EventType.NODE_STARTED, EventType.NODE_COMPLETED,
                EventType.NODE_DISPATCHED, EventType.NODE_STARTED, EventType.NODE_COMPLETED,
                EventType.WORKFLOW_COMPLETED);
        assertThat(events).extracting(WorkflowEvent::sequence).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(events.get(2).worker()).isEqualTo("embedded-worker");
    }

    @Test
    void executionsRunningTogetherEachKeepOneOrderedEventLog() throws Exception {
        // Results of one execution are drained by the result listener, mixed batches by the pool:
        // either way each execution must have one writer, so one gapless log in a valid order.
        Workflows chain = Workflows.named("chain").node("c0", "echo");
        for (int i = 1; i < 30; i++) {
            chain.node("c" + i, "echo", "c" + (i - 1));
        }
        Workflows wide = Workflows.named("wide");
        String[] leaves = new String[40];
        for (int i = 0; i < leaves.length; i++) {
            leaves[i] = "w" + i;
            wide.node(leaves[i], "echo");
        }
        wide.node("join", "echo", leaves);
        List<WorkflowDefinition> definitions = List.of(chain.build(), wide.build());
        List<ExecutionHandle> handles = new ArrayList<>();

        for (int i = 0; i < 12; i++) {
            handles.add(embedded.engine().start(definitions.get(i % 2), Json.object(), StartOptions.defaults()));
        }

        for (ExecutionHandle handle : handles) {
            ExecutionResult result = handle.await();
            assertThat(result.status()).isEqualTo(WorkflowStatus.COMPLETED);
            List<WorkflowEvent> events = embedded.stores().events().read(result.executionId());
            assertThat(events).extracting(WorkflowEvent::sequence)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, events.size()).boxed().toList());
            for (String nodeId : result.nodes().keySet()) {
                assertThat(eventTypes(result.executionId(), nodeId)).containsExactly(
                        EventType.NODE_DISPATCHED, EventType.NODE_STARTED, EventType.NODE_COMPLETED);
            }
            assertThat(events.get(events.size() - 1).type()).isEqualTo(EventType.WORKFLOW_COMPLETED);
        }
    }

    @Test
    void dispatchKeyLeftByThisOrchestratorsLostReplyStillSendsTheTask() throws Exception {
        WorkflowDefinition definition = Workflows.named("lost-reply").node("only", "echo").build();
        lastDefinition = definition;
        embedded.stores().idempotency().put("dispatch:e-lost:only:1", "embedded", Duration.ofMinutes(1));

        ExecutionResult result = embedded.engine()
                .start(definition, Json.object(), StartOptions.defaults().withExecutionId("e-lost")).await();

        assertThat(result.status()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(callsOf("only")).isEqualTo(1);
    }

    @Test
    void attemptAnotherOrchestratorDispatchedIsNotSentAgain() throws Exception {
        WorkflowDefinition definition = Workflows.named("taken").node("only", "echo").build();
        lastDefinition = definition;
        embedded.stores().idempotency().put("dispatch:e-taken:only:1", "someone-else", Duration.ofMinutes(1));
        CountDownLatch dispatched = new CountDownLatch(1);

        ExecutionHandle handle = embedded.engine().start(definition, Json.object(), StartOptions.defaults()
                .withExecutionId("e-taken")
                .withListener(event -> {
                    if (event.type() == EventType.NODE_DISPATCHED) {
                        dispatched.countDown();
                    }
                }));
        assertThat(dispatched.await(10, TimeUnit.SECONDS)).isTrue();
        handle.cancel("test over");

        assertThat(handle.await().status()).isEqualTo(WorkflowStatus.CANCELLED);
        assertThat(callsOf("only")).isZero();
    }
}
