package io.dagflow.handler.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dagflow.handler.Handler;
import io.dagflow.handler.TaskContext;
import io.dagflow.json.Json;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * Waits {@code seconds} (fractional allowed) and returns {@code {"slept_seconds": seconds}}.
 * Waiting is this node type's whole behaviour, so it sleeps; an interrupt (time-out, worker
 * stopping) ends the wait at once.
 */
public final class SleepHandler implements Handler {

    public static final String TYPE = "sleep";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public JsonNode handle(TaskContext context) throws Exception {
        NodeConfig config = NodeConfig.of(TYPE, context);
        Duration duration = config.optionalSeconds("seconds").orElseThrow(() -> config.missing("seconds"));
        BigDecimal seconds = config.optionalNumber("seconds").orElseThrow();
        Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        ObjectNode result = Json.object();
        result.put("slept_seconds", seconds);
        return result;
    }
}
