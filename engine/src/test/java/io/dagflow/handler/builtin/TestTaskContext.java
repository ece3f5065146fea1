package io.dagflow.handler.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.handler.TaskContext;
import io.dagflow.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A task context built by hand: what a worker would pass for one attempt. */
record TestTaskContext(
        String executionId,
        String workflowName,
        String nodeId,
        int attempt,
        JsonNode config,
        JsonNode inputs,
        List<String> dependencies,
        Map<String, JsonNode> dependencyResults) implements TaskContext {

    static TestTaskContext withConfig(String configJson) {
        return new TestTaskContext("exec-1", "test-workflow", "node", 1, Json.tree(configJson), Json.object(),
                List.of(), Map.of());
    }

    TestTaskContext withInputs(String inputsJson) {
        return new TestTaskContext(executionId, workflowName, nodeId, attempt, config, Json.tree(inputsJson),
                dependencies, dependencyResults);
    }

    TestTaskContext withDependencies(List<String> ids) {
        return new TestTaskContext(executionId, workflowName, nodeId, attempt, config, inputs, ids,
                dependencyResults);
    }

    TestTaskContext withDependencyResult(String id, String resultJson) {
        Map<String, JsonNode> results = new LinkedHashMap<>(dependencyResults);
        results.put(id, Json.tree(resultJson));
        return new TestTaskContext(executionId, workflowName, nodeId, attempt, config, inputs, dependencies,
                Map.copyOf(results));
    }

    @Override
    public Optional<JsonNode> dependencyResult(String nodeId) {
        return Optional.ofNullable(dependencyResults.get(nodeId));
    }
}
