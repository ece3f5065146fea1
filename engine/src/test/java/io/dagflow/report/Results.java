package io.dagflow.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.json.Json;
import io.dagflow.model.NodeStatus;
import io.dagflow.model.WorkflowStatus;
import io.dagflow.run.ExecutionResult;
import io.dagflow.run.NodeResult;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds execution results as the engine reports them, for tests of what is made of them. */
public final class Results {

    private final Map<String, NodeResult> nodes = new LinkedHashMap<>();
    private JsonNode outputs = Json.object();

    public Results completed(String id) {
        nodes.put(id, new NodeResult(id, "echo", NodeStatus.COMPLETED, 1, 10, 0, Json.object(), null, null, null));
        return this;
    }

    /** Completed after {@code attempts} that ran {@code ranMillis} in all and waited {@code queuedMillis} for workers. */
    public Results completed(String id, int attempts, long ranMillis, long queuedMillis) {
        nodes.put(id, new NodeResult(id, "http", NodeStatus.COMPLETED, attempts, ranMillis, queuedMillis, Json.object(),
                null, null, null));
        return this;
    }

    public Results reused(String id, String from) {
        nodes.put(id, new NodeResult(id, "http", NodeStatus.COMPLETED, 0, 0, 0, Json.object(), null, null, from));
        return this;
    }

    public Results failed(String id, int attempts, String error) {
        nodes.put(id, new NodeResult(id, "http", NodeStatus.FAILED, attempts, 10, 0, null, error, null, null));
        return this;
    }

    public Results blocked(String id, String by) {
        nodes.put(id, new NodeResult(id, "echo", NodeStatus.BLOCKED, 0, 0, 0, null, null, by, null));
        return this;
    }

    public Results cancelled(String id) {
        nodes.put(id, new NodeResult(id, "sleep", NodeStatus.CANCELLED, 1, 0, 0, null, null, null, null));
        return this;
    }

    public Results outputs(String json) {
        outputs = Json.tree(json);
        return this;
    }

    public ExecutionResult ended(WorkflowStatus status, String error) {
        return new ExecutionResult("exec-1", "deploy", status, 1_000, 3_500, nodes, outputs, error);
    }
}
