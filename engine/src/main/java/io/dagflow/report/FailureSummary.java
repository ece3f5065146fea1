package io.dagflow.report;

import io.dagflow.model.NodeStatus;
import io.dagflow.model.WorkflowStatus;
import io.dagflow.run.ExecutionResult;
import io.dagflow.run.NodeResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Explains why an execution did not complete: its headline, then each failed node with its
 * error and each blocked node with the failure that blocked it. Long lists are cut so that a
 * thousand blocked nodes do not bury the one failure that matters.
 */
public final class FailureSummary {

    static final int MAX_LINES_PER_STATUS = 20;

    private FailureSummary() {
    }

    public static String of(ExecutionResult result) {
        ExecutionSummary summary = ExecutionSummary.of(result);
        StringBuilder text = new StringBuilder(summary.headline())
                .append(" (execution ").append(result.executionId()).append(')');
        if (result.status() == WorkflowStatus.CANCELLED && result.error() != null) {
            text.append("\n  cancelled: ").append(result.error());
        }
        List<String> lines = new ArrayList<>();
        section(lines, result.nodesIn(NodeStatus.FAILED), "failed", FailureSummary::failedLine);
        section(lines, result.nodesIn(NodeStatus.BLOCKED), "blocked", FailureSummary::blockedLine);
        section(lines, result.nodesIn(NodeStatus.CANCELLED), "cancelled", node -> "'" + node.nodeId() + "'");
        for (String line : lines) {
            text.append("\n  ").append(line);
        }
        return text.toString();
    }

    private static void section(
            List<String> lines, List<NodeResult> nodes, String label, java.util.function.Function<NodeResult, String> line) {
        int shown = Math.min(nodes.size(), MAX_LINES_PER_STATUS);
        for (int i = 0; i < shown; i++) {
            lines.add(label + ": " + line.apply(nodes.get(i)));
        }
        if (nodes.size() > shown) {
            lines.add("... and " + (nodes.size() - shown) + " more " + label + " node(s)");
        }
    }

    private static String failedLine(NodeResult node) {
        String attempts = node.attempts() == 1 ? "1 attempt" : node.attempts() + " attempts";
        return "'" + node.nodeId() + "' (" + node.handler() + ", " + attempts + "): "
                + (node.error() == null ? "no error message" : node.error());
    }

    private static String blockedLine(NodeResult node) {
        return "'" + node.nodeId() + "'" + (node.blockedBy() == null ? "" : " by '" + node.blockedBy() + "'");
    }
}
