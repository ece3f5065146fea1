package io.dagflow.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.embedded.EmbeddedEngine;
import io.dagflow.handler.HandlerRegistry;
import io.dagflow.json.Json;
import io.dagflow.model.NodeStatus;
import io.dagflow.run.ExecutionResult;
import io.dagflow.run.StartOptions;
import io.dagflow.validation.WorkflowLoader;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A handler's result is read back by the orchestrator and by downstream workers with the limits
 * of every JSON reader; one that breaks them fails its attempt, for good, instead of being stored
 * where nothing could read it. (Nesting and total size: {@code TimeLimitsTest}.)
 */
@Timeout(60)
class ResultLimitsTest {

    private final AtomicInteger calls = new AtomicInteger();

    @Test
    void aResultWithAStringPastTheLimitFailsTheAttemptWithoutRetrySayingWhichLimit() throws Exception {
        ExecutionResult result = run(Json.mapper().getNodeFactory().textNode("x".repeat(Json.MAX_STRING_LENGTH + 1)));

        assertThat(result.nodes().get("big").status()).isEqualTo(NodeStatus.FAILED);
        assertThat(result.nodes().get("big").error()).isEqualTo("the handler's result cannot be stored: string length"
                + " limit exceeded: a string of 20000001 characters, and at most 20000000 are allowed");
        assertThat(calls.get()).as("attempts").isEqualTo(1);
    }

    @Test
    void aResultWithAFieldNamePastTheLimitFailsTheAttempt() throws Exception {
        ExecutionResult result = run(Json.object().put("k".repeat(Json.MAX_NAME_LENGTH + 1), "x"));

        assertThat(result.nodes().get("big").error()).isEqualTo("the handler's result cannot be stored: field name"
                + " length limit exceeded: a field name of 50001 characters, and at most 50000 are allowed");
    }

    @Test
    void aResultAtTheLimitsIsKept() throws Exception {
        ExecutionResult result = run(Json.object().put("k".repeat(Json.MAX_NAME_LENGTH), "x"));

        assertThat(result.nodes().get("big").status()).isEqualTo(NodeStatus.COMPLETED);
    }

    private ExecutionResult run(JsonNode handlerResult) throws Exception {
        HandlerRegistry handlers = new HandlerRegistry().register("big", context -> {
            calls.incrementAndGet();
            return handlerResult;
        });
        try (EmbeddedEngine engine = EmbeddedEngine.builder(handlers).workers(1).build()) {
            return engine.engine().start(new WorkflowLoader().parse("""
                    {"name": "limits", "dag": {"nodes": [{"id": "big", "handler": "big",
                      "retry_policy": {"max_attempts": 3, "initial_backoff_seconds": 0}}]}}
                    """, "limits.json"), Json.object(), StartOptions.defaults()).await();
        }
    }
}
