package io.dagflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.json.Json;
import io.dagflow.model.NodeDefinition;
import io.dagflow.model.RetryPolicy;
import io.dagflow.model.WorkflowDefinition;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns generated workflow text into a definition with no checks at all: the reference against
 * which the loader's checks are measured. Reads only what the generator writes.
 */
final class UnvalidatedDefinitionReader {

    private UnvalidatedDefinitionReader() {
    }

    static WorkflowDefinition read(String text) {
        JsonNode root = Json.tree(text);
        JsonNode nodesJson = root.path("dag").path("nodes");
        List<NodeDefinition> nodes = new ArrayList<>(nodesJson.size());
        for (JsonNode node : nodesJson) {
            List<String> dependencies = new ArrayList<>(node.path("dependencies").size());
            for (JsonNode dependency : node.path("dependencies")) {
                dependencies.add(dependency.asText());
            }
            JsonNode config = node.has("config") ? node.get("config") : Json.object();
            nodes.add(new NodeDefinition(node.path("id").asText(), node.path("handler").asText(), dependencies,
                    config, RetryPolicy.DEFAULT, null, NodeDefinition.DEFAULT_QUEUE));
        }
        return new WorkflowDefinition(root.path("name").asText(), nodes, text);
    }
}
