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
    void everyLineNamesItsWorkflowBeforeTheEventLine() {
        WorkflowEvent started = event(EventType.NODE_STARTED, "build", 2, "worker-1", Json.object());

        assertThat(lines.format(started)).hasValue("[dagflow deploy] " + EventLine.format(started));
        assertThat(lines.format(started).orElseThrow()).contains("build").contains("worker-1");
    }

    @Test
    void eventsWithoutALineGiveNone() {
        assertThat(lines.format(event(EventType.NODE_DISPATCHED, "build", 1, null, Json.object()))).isEmpty();
    }

    @Test
    void otherMessagesReadLikeEventLines() {
        assertThat(lines.message("timeline at http://ci/job/1/")).isEqualTo("[dagflow deploy] timeline at http://ci/job/1/");
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
        assertThat(told).hasSize(9);
        assertThat(told.get(0)).contains(result.executionId()).contains("started");
        assertThat(told.get(1)).contains("flaky started");
        assertThat(told.get(2)).contains("flaky attempt 1 failed: first call fails");
        assertThat(told.get(3)).contains("flaky started (attempt 2)");
        assertThat(told.get(4)).contains("flaky completed (attempt 2)");
        assertThat(told.get(5)).contains("broken started");
        assertThat(told.get(6)).contains("broken FAILED: bad config");
        assertThat(told.get(7)).contains("after blocked by broken");
        assertThat(told.get(8)).contains("workflow FAILED");
    }

    private static NodeDefinition node(String id, String handler, List<String> dependencies, RetryPolicy retry) {
        return new NodeDefinition(id, handler, dependencies, Json.object(), retry, null, NodeDefinition.DEFAULT_QUEUE);
    }

    private static WorkflowEvent event(EventType type, String node, int attempt, String worker, ObjectNode details) {
        return new WorkflowEvent("exec-1", 1, type, node, attempt, 0, worker, details);
    }
}
