package io.dagflow.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.json.Json;
import io.dagflow.model.NodeDefinition;
import java.util.List;

/**
 * The parts of a node that show in a timeline and decide whether a rerun may reuse its result.
 *
 * @param config the node's configuration as written, an empty object when absent
 */
public record NodeOutline(String id, String handler, List<String> dependencies, JsonNode config) {

    public NodeOutline {
        dependencies = List.copyOf(dependencies);
        config = config == null || config.isMissingNode() || config.isNull() ? Json.object() : config;
    }

    public static NodeOutline of(NodeDefinition node) {
        return new NodeOutline(node.id(), node.handler(), node.dependencies(), node.config());
    }
}
