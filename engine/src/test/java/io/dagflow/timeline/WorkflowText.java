package io.dagflow.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dagflow.json.Json;
import io.dagflow.model.NodeDefinition;
import io.dagflow.model.RetryPolicy;
import io.dagflow.model.WorkflowDefinition;
import java.util.ArrayList;
import java.util.List;

/** Writes workflow definitions in the definition file format (see docs/workflow-format.md), for tests. */
public final class WorkflowText {

    private final String name;
    private final List<NodeDefinition> nodes = new ArrayList<>();

    private WorkflowText(String name) {
        this.name = name;
    }

    public static WorkflowText named(String name) {
        return new WorkflowText(name);
    }

    public WorkflowText node(String id, String handler, String... dependencies) {
        return node(id, handler, Json.object(), dependencies);
    }

    public WorkflowText node(String id, String handler, JsonNode config, String... dependencies) {
        nodes.add(new NodeDefinition(id, handler, List.of(dependencies), config, RetryPolicy.DEFAULT, null,
                NodeDefinition.DEFAULT_QUEUE));
        return this;
    }

    public String text() {
        ObjectNode root = Json.object();
        root.put("name", name);
        ArrayNode list = root.putObject("dag").putArray("nodes");
        for (NodeDefinition node : nodes) {
            ObjectNode written = list.addObject();
            written.put("id", node.id());
            written.put("handler", node.handler());
            if (!node.dependencies().isEmpty()) {
                ArrayNode dependencies = written.putArray("dependencies");
                node.dependencies().forEach(dependencies::add);
            }
            if (node.hasConfig()) {
                written.set("config", node.config());
            }
        }
        return Json.pretty(root);
    }

    public WorkflowDefinition definition() {
        return new WorkflowDefinition(name, nodes, text());
    }
}
