package io.dagflow.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.model.NodeStatus;
import io.dagflow.model.WorkflowStatus;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How an execution ended.
 *
 * @param nodes every node, in definition order
 * @param outputs an object mapping each output node's id to its result
 * @param error a summary of failed and blocked nodes, or the cancellation reason; null when completed
 */
public record ExecutionResult(
        String executionId,
        String workflowName,
        WorkflowStatus status,
        long startedAt,
        long finishedAt,
        Map<String, NodeResult> nodes,
        JsonNode outputs,
        String error) {

    public ExecutionResult {
        nodes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(nodes));
    }

    public Map<NodeStatus, Integer> nodeCounts() {
        Map<NodeStatus, Integer> counts = new EnumMap<>(NodeStatus.class);
        for (NodeResult node : nodes.values()) {
            counts.merge(node.status(), 1, Integer::sum);
        }
        return counts;
    }

    public List<NodeResult> nodesIn(NodeStatus status) {
        return nodes.values().stream().filter(n -> n.status() == status).toList();
    }

    public long durationMillis() {
        return finishedAt - startedAt;
    }
}
