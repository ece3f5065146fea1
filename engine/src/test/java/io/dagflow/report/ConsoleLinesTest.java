package io.dagflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dagflow.embedded.EmbeddedEngine;
import io.dagflow.event.EventType;
import io.dagflow.event.WorkflowEvent;
import io.dagflow.handler.HandlerException;
import io.dagflow.handler.HandlerRegistry;
import io.dagflow.json.Json;
import io.dagflow.model.NodeDefinition;
import io.dagflow.model.RetryPolicy;
import io.dagflow.model.WorkflowDefinition;
import io.dagflow.run.EventFields;
import io.dagflow.run.ExecutionResult;
import io.dagflow.run.StartOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConsoleLinesTest {

    private final ConsoleLines lines = ConsoleLines.forWorkflow("deploy");

    @Test
    void aStartNamesTheAttemptAndTheWorker() {
        WorkflowEvent started = event(EventType.NODE_STARTED, "build", 2, "worker-1", Json.object());

        assertThat(lines.format(started)).hasValue("[dagflow deploy] node 'build' started, attempt 2 on worker-1");
    }

    @Test
    void aCompletionSaysHowLongTheAttemptTook() {
        ObjectNode details = Json.object().put(EventFields.DURATION_MS, 1250);

        assertThat(lines.format(event(EventType.NODE_COMPLETED, "build", 1, null, details)))
                .hasValue("[dagflow deploy] node 'build' completed in 1.3 s");
    }

    @Test
    void aRetrySaysWhatFailedAndWhenTheNextAttemptComes() {
        ObjectNode details = Json.object().put(EventFields.ERROR, "HTTP 503").put(EventFields.BACKOFF_MS, 2000)
                .put(EventFields.NEXT_ATTEMPT, 2);

        assertThat(lines.format(event(EventType.NODE_RETRY, "call", 1, null, details)))
                .hasValue("[dagflow deploy] node 'call' attempt 1 failed: HTTP 503; attempt 2 in 2 s");
    }

    @Test
    void aFailureCountsTheAttemptsAndGivesTheError() {
        ObjectNode details = Json.object().put(EventFields.ERROR, "connection refused");

        assertThat(lines.format(event(EventType.NODE_FAILED, "call", 3, null, details)))
                .hasValue("[dagflow deploy] node 'call' FAILED after 3 attempts: connection refused");
    }

    @Test
    void aBlockedNodeNamesTheFailureThatBlockedIt() {
        ObjectNode details = Json.object().put(EventFields.BLOCKED_BY, "call");

        assertThat(lines.format(event(EventType.NODE_BLOCKED, "notify", 0, null, details)))
                .hasValue("[dagflow deploy] node 'notify' blocked: it depends on failed node 'call'");
    }

    @Test
    void aRerunSaysWhichExecutionItContinues() {
        ObjectNode details = Json.object().put(EventFields.RERUN_OF, "exec-1");
        WorkflowEvent started = new WorkflowEvent("exec-2", 1, EventType.WORKFLOW_STARTED, null, 0, 0, null, details);
        ObjectNode reusedDetails = Json.object().put(EventFields.FROM_EXECUTION, "exec-1");

        assertThat(lines.format(started))
                .hasValue("[dagflow deploy] execution exec-2 started, rerunning failed nodes of execution exec-1");
        assertThat(lines.format(event(EventType.NODE_REUSED, "build", 1, null, reusedDetails)))
                .hasValue("[dagflow deploy] node 'build' reused the result of execution exec-1 (attempt 1)");
    }

    @Test
    void dispatchesAreNotWorthALine() {
        assertThat(lines.format(event(EventType.NODE_DISPATCHED, "build", 1, null, Json.object()))).isEmpty();
    }

    @Test
    void everyEventTypeButDispatchGivesALine() {
        for (EventType type : EventType.values()) {
            String node = type.name().startsWith("NODE_") ? "n" : null;
            WorkflowEvent event = new WorkflowEvent("e", 1, type, node, 1, 0, null, Json.object());

            assertThat(lines.format(event).isPresent()).as(type.name()).isEqualTo(type != EventType.NODE_DISPATCHED);
        }
    }

    @Test
    void aRealExecutionIsToldAsItHappens() throws Exception {
        AtomicInteger flakyCalls = new AtomicInteger();
        HandlerRegistry handlers = new HandlerRegistry()
                .register("flaky", context -> {
                    if (flakyCalls.incrementAndGet() == 1) {
                        throw HandlerException.retriable("first call fails");
                    }
                    return Json.object().put("ok", true);
                })
                .register("broken", context -> {
                    throw HandlerException.permanent("bad config");
                })
                .register("after", context -> Json.object());
        RetryPolicy twoQuickAttempts = new RetryPolicy(2, Duration.ZERO, 1.0, Duration.ZERO,
                RetryPolicy.Strategy.FIXED, 0.0);
        WorkflowDefinition definition = new WorkflowDefinition("deploy", List.of(
                node("flaky", "flaky", List.of(), twoQuickAttempts),
                node("broken", "broken", List.of("flaky"), RetryPolicy.NONE),
                node("after", "after", List.of("broken"), RetryPolicy.NONE)), "{}");
        List<String> told = Collections.synchronizedList(new ArrayList<>());

        ExecutionResult result;
        try (EmbeddedEngine embedded = EmbeddedEngine.builder(handlers).workers(1).build()) {
            result = embedded.engine().start(definition, Json.object(), StartOptions.defaults()
                    .withListener(event -> lines.format(event).ifPresent(told::add))).await();
        }

        assertThat(told).allSatisfy(line -> assertThat(line).startsWith("[dagflow deploy] "));
        assertThat(told).map(line -> line.substring("[dagflow deploy] ".length())
                .replace(" on embedded-worker", "").replaceAll("completed in .*", "completed")).containsExactly(
                "execution " + result.executionId() + " started",
                "node 'flaky' started, attempt 1",
                "node 'flaky' attempt 1 failed: first call fails; attempt 2 in 0 ms",
                "node 'flaky' started, attempt 2",
                "node 'flaky' completed",
                "node 'broken' started, attempt 1",
                "node 'broken' FAILED after 1 attempt: bad config",
                "node 'after' blocked: it depends on failed node 'broken'",
                "workflow FAILED: 1 node(s) failed, 1 blocked: node 'broken' failed: bad config");
    }

    private static NodeDefinition node(String id, String handler, List<String> dependencies, RetryPolicy retry) {
        return new NodeDefinition(id, handler, dependencies, Json.object(), retry, null, NodeDefinition.DEFAULT_QUEUE);
    }

    private static WorkflowEvent event(EventType type, String node, int attempt, String worker, ObjectNode details) {
        return new WorkflowEvent("exec-1", 1, type, node, attempt, 0, worker, details);
    }
}
