package io.dagflow.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.json.Json;
import io.dagflow.model.WorkflowDefinition;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A workflow's name and nodes (id, handler, dependencies, config) as an execution recorded them in
 * its WORKFLOW_STARTED event. Reading only these fields keeps the timeline of an old execution
 * readable after the definition format gained or changed other fields: what ran is what was started.
 */
public record DefinitionOutline(String name, List<NodeOutline> nodes) {

    public DefinitionOutline {
        nodes = List.copyOf(nodes);
    }

    public static DefinitionOutline of(WorkflowDefinition definition) {
        return new DefinitionOutline(definition.name(), definition.nodes().stream().map(NodeOutline::of).toList());
    }

    /**
     * Reads the definition text ({@code {"name": ..., "nodes": [{"id", "handler", "dependencies",
     * "config"}, ...]}}).
     *
     * @param origin what the text is, for error messages (e.g. "the definition of execution e1")
     * @throws IllegalArgumentException naming the origin and the node when the text has no usable node list
     */
    public static DefinitionOutline parse(String source, String origin) {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException(origin + " is empty");
        }
        JsonNode root;
        try {
            root = Json.tree(source);
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException(origin + " is not valid JSON: " + e.getCause().getMessage(), e);
        }
        JsonNode nodes = root.path("nodes");
        if (!nodes.isArray()) {
            throw new IllegalArgumentException(origin + " has no \"nodes\" list");
        }
        List<NodeOutline> outlines = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            outlines.add(node(nodes.get(i), i, origin));
        }
        return new DefinitionOutline(root.path("name").asText(""), outlines);
    }

    private static NodeOutline node(JsonNode node, int index, String origin) {
        String id = node.path("id").asText("");
        if (id.isEmpty()) {
            throw new IllegalArgumentException(origin + ": node #" + (index + 1) + " has no \"id\"");
        }
        List<String> dependencies = new ArrayList<>();
        JsonNode declared = node.path("dependencies");
        if (declared.isArray()) {
            declared.forEach(d -> dependencies.add(d.asText()));
        } else if (!declared.isMissingNode() && !declared.isNull()) {
            throw new IllegalArgumentException(origin + ": node '" + id + "' has \"dependencies\" that are not a list");
        }
        return new NodeOutline(id, node.path("handler").asText(null), dependencies, node.get("config"));
    }

    /** The nodes by id, in definition order. */
    public Map<String, NodeOutline> byId() {
        Map<String, NodeOutline> byId = new LinkedHashMap<>(nodes.size() * 2);
        for (NodeOutline node : nodes) {
            byId.put(node.id(), node);
        }
        return byId;
    }

    public Optional<NodeOutline> node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }
}
