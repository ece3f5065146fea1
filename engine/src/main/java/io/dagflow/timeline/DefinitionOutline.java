package io.dagflow.timeline;

import io.dagflow.json.Json;
import io.dagflow.model.WorkflowDefinition;
import io.dagflow.validation.WorkflowLoader;
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
     * Reads definition text as an execution recorded it.
     *
     * @param origin what the text is, for error messages (e.g. "the definition of execution e1")
     * @throws IllegalArgumentException naming the origin and the problems when the text cannot be read
     */
    public static DefinitionOutline parse(String source, String origin) {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException(origin + " is empty");
        }
        return of(WorkflowLoader.parseRecorded(source, origin));
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
