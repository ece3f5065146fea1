package io.dagflow.bench;

import io.dagflow.json.Json;
import io.dagflow.model.NodeDefinition;
import io.dagflow.model.RetryPolicy;
import io.dagflow.model.WorkflowDefinition;
import java.util.ArrayList;
import java.util.List;

/**
 * A generated workflow shape: node {@code i} is called {@code n<i>} and depends on the nodes
 * listed in {@code dependencies[i]}, all of which come before it (so the order is topological).
 */
record GeneratedDag(String name, int[][] dependencies) {

    static final String HANDLER = "timed-noop";

    int size() {
        return dependencies.length;
    }

    long edges() {
        long edges = 0;
        for (int[] parents : dependencies) {
            edges += parents.length;
        }
        return edges;
    }

    static String id(int index) {
        return "n" + index;
    }

    /** The inverse of {@link #id}: the index a node id was generated from. */
    static int index(String id) {
        return Integer.parseInt(id, 1, id.length(), 10);
    }

    /** The definition as a loader would build it, its JSON text kept as the source. */
    WorkflowDefinition toDefinition() {
        List<NodeDefinition> nodes = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            List<String> parents = new ArrayList<>(dependencies[i].length);
            for (int parent : dependencies[i]) {
                parents.add(id(parent));
            }
            nodes.add(new NodeDefinition(id(i), HANDLER, parents, Json.object(), RetryPolicy.DEFAULT, null,
                    NodeDefinition.DEFAULT_QUEUE));
        }
        return new WorkflowDefinition(name, nodes, toJson());
    }

    /** The workflow file a user would write for this shape. */
    String toJson() {
        StringBuilder text = new StringBuilder(64 + size() * 48);
        text.append("{\n  \"name\": \"").append(name).append("\",\n  \"dag\": {\n    \"nodes\": [\n");
        for (int i = 0; i < size(); i++) {
            text.append("      { \"id\": \"").append(id(i)).append("\", \"handler\": \"").append(HANDLER).append('"');
            if (dependencies[i].length > 0) {
                text.append(", \"dependencies\": [");
                for (int d = 0; d < dependencies[i].length; d++) {
                    text.append(d == 0 ? "\"" : ", \"").append(id(dependencies[i][d])).append('"');
                }
                text.append(']');
            }
            text.append(i + 1 < size() ? " },\n" : " }\n");
        }
        text.append("    ]\n  }\n}\n");
        return text.toString();
    }
}
