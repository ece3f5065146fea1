package io.dagflow.handler.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dagflow.handler.Handler;
import io.dagflow.handler.HandlerException;
import io.dagflow.handler.TaskContext;
import io.dagflow.json.Json;
import java.util.Optional;

/**
 * Produces a workflow's output. With config, the result is the resolved config, so the author
 * shapes the output with templates. Without config, the result maps each direct dependency's id
 * to that dependency's result.
 */
public final class OutputHandler implements Handler {

    public static final String TYPE = "output";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public JsonNode handle(TaskContext context) throws HandlerException {
        NodeConfig config = NodeConfig.of(TYPE, context);
        if (!config.isEmpty()) {
            return config.all();
        }
        ObjectNode gathered = Json.object();
        for (String dependency : context.dependencies()) {
            Optional<JsonNode> result = context.dependencyResult(dependency);
            if (result.isEmpty()) {
                // The dependency succeeded, so its result should exist; a store that lags may have it on retry.
                throw HandlerException.retriable(TYPE + " node '" + context.nodeId()
                        + "': the result of dependency '" + dependency + "' is not available");
            }
            gathered.set(dependency, result.get());
        }
        return gathered;
    }
}
