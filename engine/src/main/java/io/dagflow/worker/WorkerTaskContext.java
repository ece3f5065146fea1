package io.dagflow.worker;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.handler.TaskContext;
import io.dagflow.json.Json;
import io.dagflow.store.ResultStore;
import io.dagflow.transport.TaskMessage;
import java.util.List;
import java.util.Optional;

/**
 * A task as its handler sees it: its config with the worker's secrets in place; dependency
 * results are read from the shared result store.
 */
record WorkerTaskContext(TaskMessage task, JsonNode resolvedConfig, ResultStore results) implements TaskContext {

    @Override
    public String executionId() {
        return task.executionId();
    }

    @Override
    public String workflowName() {
        return task.workflowName();
    }

    @Override
    public String nodeId() {
        return task.nodeId();
    }

    @Override
    public int attempt() {
        return task.attempt();
    }

    @Override
    public JsonNode config() {
        return resolvedConfig == null ? Json.object() : resolvedConfig;
    }

    @Override
    public JsonNode inputs() {
        return task.inputs() == null ? Json.object() : task.inputs();
    }

    @Override
    public List<String> dependencies() {
        return List.copyOf(task.dependencies().keySet());
    }

    @Override
    public Optional<JsonNode> dependencyResult(String nodeId) {
        Integer attempt = task.dependencies().get(nodeId);
        if (attempt == null) {
            return Optional.empty();
        }
        return results.get(task.executionId(), nodeId, attempt);
    }
}
