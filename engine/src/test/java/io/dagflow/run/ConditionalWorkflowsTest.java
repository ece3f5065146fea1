package io.dagflow.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagflow.embedded.EmbeddedEngine;
import io.dagflow.event.EventType;
import io.dagflow.event.WorkflowEvent;
import io.dagflow.handler.HandlerException;
import io.dagflow.handler.HandlerRegistry;
import io.dagflow.json.Json;
import io.dagflow.model.NodeStatus;
import io.dagflow.model.WorkflowDefinition;
import io.dagflow.model.WorkflowStatus;
import io.dagflow.validation.InvalidWorkflowException;
import io.dagflow.validation.WorkflowLoader;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** `when` conditions and trigger rules decide which nodes run, and the history says why the others did not. */
@Timeout(30)
class ConditionalWorkflowsTest {

    private final HandlerRegistry handlers = new HandlerRegistry();
    private final Set<String> ran = ConcurrentHashMap.newKeySet();
    private final CountDownLatch release = new CountDownLatch(1);
    private EmbeddedEngine embedded;

    @BeforeEach
    void engine() {
        handlers.register("value", ctx -> {
            ran.add(ctx.nodeId());
            return ctx.config();
        });
        handlers.register("fail", ctx -> {
            ran.add(ctx.nodeId());
            throw HandlerException.permanent("boom in " + ctx.nodeId());
        });
        handlers.register("held", ctx -> {
            ran.add(ctx.nodeId());
            release.await();
            return Json.object();
        });
        handlers.register("release", ctx -> {
            ran.add(ctx.nodeId());
            release.countDown();
            return Json.object();
        });
        embedded = EmbeddedEngine.builder(handlers).workers(4).definitionParser(ConditionalWorkflowsTest::parse)
                .build();
    }

    @AfterEach
    void close() {
        embedded.close();
    }

    private ExecutionResult run(String definition, String inputs) throws InterruptedException {
        return embedded.engine().start(parse(definition), Json.tree(inputs), StartOptions.defaults()).await();
    }

    private WorkflowEvent event(ExecutionResult result, EventType type, String node) {
        return embedded.stores().events().read(result.executionId()).stream()
                .filter(e -> e.type() == type && node.equals(e.nodeId())).findFirst().orElseThrow();
    }

    private static final String DEPLOY = """
            {"name": "deploy", "dag": {"nodes": [
              {"id": "build", "handler": "value", "config": {"version": "1.2", "tests_passed": true}},
              {"id": "deploy", "handler": "value", "dependencies": ["build"],
               "when": "build.tests_passed and workflow.inputs.env in ['prod', 'staging']"},
              {"id": "announce", "handler": "value", "dependencies": ["deploy"]},
              {"id": "report", "handler": "value", "dependencies": ["build", "deploy"]}
            ]}}""";

    @Test
    void aNodeWhoseConditionIsFalseIsSkippedAndSoAreNodesThatOnlyDependOnSkippedNodes() throws Exception {
        ExecutionResult result = run(DEPLOY, "{\"env\": \"dev\"}");

        assertThat(result.status()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(result.nodes().get("deploy").status()).isEqualTo(NodeStatus.SKIPPED);
        assertThat(result.nodes().get("announce").status()).isEqualTo(NodeStatus.SKIPPED);
        assertThat(result.nodes().get("report").status()).as("it also depends on a completed node")
                .isEqualTo(NodeStatus.COMPLETED);
        assertThat(ran).containsExactlyInAnyOrder("build", "report");
        assertThat(event(result, EventType.NODE_SKIPPED, "deploy").detail(EventFields.REASON)).isEqualTo(
                "its condition is false: build.tests_passed and workflow.inputs.env in ['prod', 'staging']");
        assertThat(event(result, EventType.NODE_SKIPPED, "announce").detail(EventFields.REASON))
                .isEqualTo("all its dependencies were skipped");
    }

    @Test
    void aNodeWhoseConditionIsTrueRuns() throws Exception {
        ExecutionResult result = run(DEPLOY, "{\"env\": \"prod\"}");

        assertThat(result.status()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(ran).containsExactlyInAnyOrder("build", "deploy", "announce", "report");
    }

    @Test
    void aConditionThatCannotBeEvaluatedFailsItsNode() throws Exception {
        ExecutionResult result = run("""
                {"name": "bad-condition", "dag": {"nodes": [
                  {"id": "build", "handler": "value", "config": {"count": "three"}},
                  {"id": "check", "handler": "value", "dependencies": ["build"], "when": "build.count > 2"}
                ]}}""", "{}");

        assertThat(result.status()).isEqualTo(WorkflowStatus.FAILED);
        assertThat(result.nodes().get("check").error()).startsWith("its condition 'build.count > 2' cannot be evaluated: ");
        assertThat(ran).doesNotContain("check");
    }

    @Test
    void aCleanUpNodeWithAllDoneRunsAfterAFailureWhileOrdinaryDependantsAreBlocked() throws Exception {
        ExecutionResult result = run("""
                {"name": "clean-up", "dag": {"nodes": [
                  {"id": "provision", "handler": "value"},
                  {"id": "test", "handler": "fail", "dependencies": ["provision"]},
                  {"id": "publish", "handler": "value", "dependencies": ["test"]},
                  {"id": "teardown", "handler": "value", "dependencies": ["test"], "trigger": "all_done"},
                  {"id": "notify", "handler": "value", "dependencies": ["publish", "teardown"], "trigger": "one_failed"},
                  {"id": "celebrate", "handler": "value", "dependencies": ["publish"], "trigger": "none_failed"}
                ]}}""", "{}");

        assertThat(result.status()).isEqualTo(WorkflowStatus.FAILED);
        assertThat(result.nodes().get("publish").status()).isEqualTo(NodeStatus.BLOCKED);
        assertThat(result.nodes().get("publish").blockedBy()).isEqualTo("test");
        assertThat(result.nodes().get("teardown").status()).isEqualTo(NodeStatus.COMPLETED);
        assertThat(result.nodes().get("notify").status()).as("publish was blocked: that counts as failed")
                .isEqualTo(NodeStatus.COMPLETED);
        assertThat(result.nodes().get("celebrate").status()).isEqualTo(NodeStatus.BLOCKED);
        assertThat(result.nodes().get("celebrate").blockedBy()).as("the root cause").isEqualTo("test");
    }

    @Test
    void aFailureNotificationIsSkippedWhenNothingFailed() throws Exception {
        ExecutionResult result = run("""
                {"name": "no-failure", "dag": {"nodes": [
                  {"id": "work", "handler": "value"},
                  {"id": "notify", "handler": "value", "dependencies": ["work"], "trigger": "one_failed"},
                  {"id": "after_notify", "handler": "value", "dependencies": ["notify"]}
                ]}}""", "{}");

        assertThat(result.status()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(result.nodes().get("notify").status()).isEqualTo(NodeStatus.SKIPPED);
        assertThat(result.nodes().get("after_notify").status()).isEqualTo(NodeStatus.SKIPPED);
        assertThat(event(result, EventType.NODE_SKIPPED, "notify").detail(EventFields.REASON))
                .isEqualTo("none of its dependencies failed (trigger one_failed)");
    }

    @Test
    void aNodeWithOneSuccessStartsAsSoonAsOneDependencyCompleted() throws Exception {
        // 'slow' waits until 'first' runs: 'first' can only start while 'slow' still runs.
        ExecutionResult result = run("""
                {"name": "race", "dag": {"nodes": [
                  {"id": "slow", "handler": "held"},
                  {"id": "fast", "handler": "value"},
                  {"id": "first", "handler": "release", "dependencies": ["slow", "fast"], "trigger": "one_success"}
                ]}}""", "{}");

        assertThat(result.status()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(ran).containsExactlyInAnyOrder("slow", "fast", "first");
    }

    @Test
    void noneFailedRunsAfterSkippedDependencies() throws Exception {
        ExecutionResult result = run("""
                {"name": "optional-steps", "dag": {"nodes": [
                  {"id": "lint", "handler": "value", "when": "workflow.inputs.lint == true"},
                  {"id": "docs", "handler": "value", "when": "exists(workflow.inputs.docs)"},
                  {"id": "package", "handler": "value", "dependencies": ["lint", "docs"], "trigger": "none_failed"}
                ]}}""", "{}");

        assertThat(result.status()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(result.nodes().get("lint").status()).isEqualTo(NodeStatus.SKIPPED);
        assertThat(result.nodes().get("docs").status()).isEqualTo(NodeStatus.SKIPPED);
        assertThat(result.nodes().get("package").status()).isEqualTo(NodeStatus.COMPLETED);
    }

    @Test
    void aCleanUpWithAllDoneRunsAfterItsDependencyTimedOut() throws Exception {
        handlers.register("forever", ctx -> {
            new CountDownLatch(1).await(10, TimeUnit.SECONDS);
            return Json.object();
        });

        ExecutionResult result = run("""
                {"name": "timed-out", "dag": {"nodes": [
                  {"id": "hang", "handler": "forever", "timeout_seconds": 0.2},
                  {"id": "cleanup", "handler": "value", "dependencies": ["hang"], "trigger": "all_done"}
                ]}}""", "{}");

        assertThat(result.nodes().get("hang").status()).isEqualTo(NodeStatus.FAILED);
        assertThat(result.nodes().get("cleanup").status()).isEqualTo(NodeStatus.COMPLETED);
        assertThat(result.status()).isEqualTo(WorkflowStatus.FAILED);
    }

    @Test
    void skippedNodesAreCountedApartInTheExecutionsHistory() throws Exception {
        ExecutionResult result = run(DEPLOY, "{\"env\": \"dev\"}");

        assertThat(result.nodeCounts()).containsEntry(NodeStatus.SKIPPED, 2).containsEntry(NodeStatus.COMPLETED, 2);
        assertThat(embedded.stores().executions().find(result.executionId()).orElseThrow().nodeCounts())
                .containsEntry(NodeStatus.SKIPPED, 2);
        assertThat(io.dagflow.report.EventLine.format(event(result, EventType.NODE_SKIPPED, "deploy")))
                .contains("deploy skipped: its condition is false");
        List<String> lines = embedded.stores().events().read(result.executionId()).stream()
                .map(io.dagflow.report.EventLine::format).filter(java.util.Objects::nonNull).toList();
        assertThat(lines).anyMatch(line -> line.endsWith("announce skipped: all its dependencies were skipped"));
    }

    @Test
    void noMoreThanMaxParallelNodesOfAnExecutionRunAtOnce() throws Exception {
        java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        handlers.register("counted", ctx -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(30);
            } finally {
                running.decrementAndGet();
            }
            return Json.object();
        });
        StringBuilder nodes = new StringBuilder("{\"id\": \"n0\", \"handler\": \"counted\"}");
        for (int i = 1; i < 12; i++) {
            nodes.append(", {\"id\": \"n").append(i).append("\", \"handler\": \"counted\"")
                    .append(i % 3 == 0 ? ", \"dependencies\": [\"n0\"]" : "").append("}");
        }

        ExecutionResult result = run("{\"name\": \"limited\", \"max_parallel\": 2, \"dag\": {\"nodes\": ["
                + nodes + "]}}", "{}");

        assertThat(result.status()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(most.get()).as("nodes running at once, with 4 worker threads").isEqualTo(2);
        List<WorkflowEvent> events = embedded.stores().events().read(result.executionId());
        int dispatchedNotEnded = 0;
        for (WorkflowEvent event : events) {
            if (event.type() == EventType.NODE_DISPATCHED) {
                dispatchedNotEnded++;
            } else if (event.type() == EventType.NODE_COMPLETED) {
                dispatchedNotEnded--;
            }
            assertThat(dispatchedNotEnded).as("dispatched and not ended, after event " + event.sequence())
                    .isLessThanOrEqualTo(2);
        }
    }

    private static WorkflowDefinition parse(String source) {
        try {
            return new WorkflowLoader().parse(source, "test.json");
        } catch (InvalidWorkflowException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
