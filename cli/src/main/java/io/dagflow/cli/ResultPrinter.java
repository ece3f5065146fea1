package io.dagflow.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dagflow.json.Json;
import io.dagflow.report.ExecutionSummary;
import io.dagflow.run.ExecutionResult;
import io.dagflow.run.NodeResult;
import java.io.PrintWriter;

/** Prints how an execution ended, as a table or as the JSON document of {@code --json}. */
final class ResultPrinter {

    private ResultPrinter() {
    }

    static void print(ExecutionResult result, boolean json, PrintWriter out) {
        if (json) {
            out.println(Json.pretty(toJson(result)));
            return;
        }
        out.println();
        out.print(ExecutionSummary.table(result));
        out.println();
        out.println(result.status() == io.dagflow.model.WorkflowStatus.COMPLETED
                ? ExecutionSummary.headline(result)
                : ExecutionSummary.failure(result));
        if (result.outputs() != null && !result.outputs().isEmpty()) {
            out.println("outputs:");
            out.println(Json.pretty(result.outputs()));
        }
    }

    static ObjectNode toJson(ExecutionResult result) {
        ObjectNode root = Json.object();
        root.put("execution_id", result.executionId());
        root.put("workflow", result.workflowName());
        root.put("status", result.status().name());
        root.put("duration_ms", result.durationMillis());
        ObjectNode nodes = root.putObject("nodes");
        for (NodeResult node : result.nodes().values()) {
            ObjectNode entry = nodes.putObject(node.nodeId());
            entry.put("status", node.status().name());
            entry.put("attempts", node.attempts());
            entry.put("duration_ms", node.durationMillis());
            entry.put("queued_ms", node.queuedMillis());
            if (node.result() != null) {
                entry.set("result", node.result());
            }
            if (node.error() != null) {
                entry.put("error", node.error());
            }
            if (node.blockedBy() != null) {
                entry.put("blocked_by", node.blockedBy());
            }
            if (node.reusedFrom() != null) {
                entry.put("reused_from", node.reusedFrom());
            }
        }
        root.set("outputs", result.outputs() == null ? Json.object() : result.outputs());
        if (result.error() != null) {
            root.put("error", result.error());
        }
        return root;
    }
}
