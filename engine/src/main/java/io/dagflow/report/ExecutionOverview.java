package io.dagflow.report;

import io.dagflow.model.NodeStatus;
import io.dagflow.model.WorkflowStatus;
import io.dagflow.run.ExecutionResult;
import io.dagflow.store.ExecutionRecord;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a build page shows of one execution while it runs and after: how it stands, how many
 * nodes ended in each status and how long it took. Unlike {@link ExecutionSummary}, which reports
 * on a finished result, it can also be built from the history's record of a running execution.
 *
 * @param error why it failed or was cancelled, or null
 */
public record ExecutionOverview(
        String executionId,
        String workflowName,
        WorkflowStatus status,
        Map<NodeStatus, Integer> nodeCounts,
        long durationMillis,
        String error) {

    public ExecutionOverview {
        Map<NodeStatus, Integer> counts = new EnumMap<>(NodeStatus.class);
        if (nodeCounts != null) {
            counts.putAll(nodeCounts);
        }
        nodeCounts = java.util.Collections.unmodifiableMap(counts);
    }

    public static ExecutionOverview of(ExecutionResult result) {
        return new ExecutionOverview(result.executionId(), result.workflowName(), result.status(),
                result.nodeCounts(), result.durationMillis(), result.error());
    }

    /** A summary from the history; a running execution's duration runs until {@code now}. */
    public static ExecutionOverview of(ExecutionRecord record, long now) {
        return new ExecutionOverview(record.executionId(), record.workflowName(), record.status(),
                record.nodeCounts(), record.durationMillis(now), record.error());
    }

    public int count(NodeStatus status) {
        return nodeCounts.getOrDefault(status, 0);
    }

    public int totalNodes() {
        return nodeCounts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** "4 completed, 1 failed, 2 blocked": the statuses that occur, in lifecycle order. */
    public String countsText() {
        List<String> parts = new ArrayList<>();
        for (NodeStatus status : NodeStatus.values()) {
            int count = count(status);
            if (count > 0) {
                parts.add(count + " " + status.name().toLowerCase(Locale.ROOT));
            }
        }
        return parts.isEmpty() ? "no nodes" : String.join(", ", parts);
    }

    public String durationText() {
        return Durations.format(durationMillis);
    }

    /** "Workflow 'deploy' FAILED after 2.5 s: 4 completed, 1 failed, 2 blocked". */
    public String headline() {
        String verb = status == WorkflowStatus.RUNNING ? "RUNNING for " : status.name() + " after ";
        return "Workflow '" + workflowName + "' " + verb + durationText() + ": " + countsText();
    }
}
