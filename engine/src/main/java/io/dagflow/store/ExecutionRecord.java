package io.dagflow.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.model.NodeStatus;
import io.dagflow.model.WorkflowStatus;
import java.util.Map;

/**
 * What the history knows of one execution. Written when it starts and when it ends; the node
 * statuses of a running execution come from its events.
 *
 * @param definitionVersion the version of the definition in the {@link DefinitionStore}
 * @param rerunOf the execution this one reruns, or null
 * @param owner the orchestrator that runs the execution (used to route results and to resume)
 * @param startedAt epoch milliseconds
 * @param finishedAt epoch milliseconds, or 0 while running
 * @param nodeCounts how many nodes ended in each status (filled when the execution ends)
 * @param outputs the output nodes' results, once completed
 * @param error a one-line summary of why the execution failed, or null
 */
public record ExecutionRecord(
        String executionId,
        String workflowName,
        String definitionVersion,
        WorkflowStatus status,
        long startedAt,
        long finishedAt,
        JsonNode inputs,
        String rerunOf,
        String owner,
        Map<NodeStatus, Integer> nodeCounts,
        JsonNode outputs,
        String error) {

    public ExecutionRecord {
        nodeCounts = nodeCounts == null ? Map.of() : Map.copyOf(nodeCounts);
    }

    public long durationMillis(long now) {
        return (finishedAt > 0 ? finishedAt : now) - startedAt;
    }

    public ExecutionRecord finished(
            WorkflowStatus finalStatus, long at, Map<NodeStatus, Integer> counts, JsonNode outputs, String error) {
        return new ExecutionRecord(executionId, workflowName, definitionVersion, finalStatus, startedAt, at,
                inputs, rerunOf, owner, counts, outputs, error);
    }
}
