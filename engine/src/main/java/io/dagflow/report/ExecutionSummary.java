package io.dagflow.report;

import io.dagflow.model.NodeStatus;
import io.dagflow.run.ExecutionResult;
import io.dagflow.run.NodeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The end-of-run report: a table of nodes and a one-paragraph explanation of a failure. */
public final class ExecutionSummary {

    private ExecutionSummary() {
    }

    /**
     * A table with one row per node: id, status, attempts, how long its attempts ran on workers
     * (DURATION) and waited for one (QUEUED), and its error or blocking node. Times are shown
     * once the node ended, and only for nodes that ran here.
     */
    public static String table(ExecutionResult result) {
        int idWidth = "NODE".length();
        for (String id : result.nodes().keySet()) {
            idWidth = Math.max(idWidth, id.length());
        }
        String row = "%-" + idWidth + "s  %-9s  %8s  %9s  %9s  %s%n";
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, row, "NODE", "STATUS", "ATTEMPTS",
                "DURATION", "QUEUED", ""));
        for (NodeResult node : result.nodes().values()) {
            boolean timed = node.attempts() > 0 && node.status().isTerminal();
            table.append(String.format(Locale.ROOT, row, node.nodeId(), node.status(),
                    node.reusedFrom() != null ? "reused" : Integer.toString(node.attempts()),
                    timed ? Durations.format(node.durationMillis()) : "-",
                    timed ? Durations.format(node.queuedMillis()) : "-",
                    note(node)));
        }
        return table.toString();
    }

    private static String note(NodeResult node) {
        if (node.status() == NodeStatus.BLOCKED) {
            return "blocked by " + node.blockedBy();
        }
        if (node.reusedFrom() != null) {
            return "from " + node.reusedFrom();
        }
        return node.error() == null ? "" : node.error();
    }

    /** "workflow 'x' (id) COMPLETED in 2.1 s: 5 completed" and, on failure, which nodes and why. */
    public static String headline(ExecutionResult result) {
        List<String> counts = new ArrayList<>();
        for (Map.Entry<NodeStatus, Integer> count : result.nodeCounts().entrySet()) {
            counts.add(count.getValue() + " " + count.getKey().name().toLowerCase(Locale.ROOT));
        }
        return "workflow '" + result.workflowName() + "' (" + result.executionId() + ") " + result.status()
                + " in " + Durations.format(result.durationMillis()) + ": " + String.join(", ", counts);
    }

    /** Why an execution did not complete: each failed node with its error, then the blocked ones. */
    public static String failure(ExecutionResult result) {
        StringBuilder text = new StringBuilder(headline(result));
        for (NodeResult node : result.nodesIn(NodeStatus.FAILED)) {
            text.append(System.lineSeparator()).append("  failed: ").append(node.nodeId()).append(" after ")
                    .append(node.attempts()).append(node.attempts() == 1 ? " attempt: " : " attempts: ")
                    .append(node.error());
        }
        List<NodeResult> blocked = result.nodesIn(NodeStatus.BLOCKED);
        if (!blocked.isEmpty()) {
            text.append(System.lineSeparator()).append("  blocked: ")
                    .append(String.join(", ", blocked.stream().map(n -> n.nodeId() + " (by " + n.blockedBy() + ")")
                            .toList()));
        }
        if (result.status() == io.dagflow.model.WorkflowStatus.CANCELLED && result.error() != null) {
            text.append(System.lineSeparator()).append("  cancelled: ").append(result.error());
        }
        return text.toString();
    }
}
