package io.dagflow.handler.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dagflow.handler.Handler;
import io.dagflow.handler.HandlerException;
import io.dagflow.handler.TaskContext;
import io.dagflow.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the execution's inputs a node result, so that downstream nodes read them as
 * {@code {{node_id.name}}}.
 *
 * <p>Config (all optional): {@code defaults}, an object whose fields are used for inputs that were
 * not given (a shallow merge: an input given replaces the whole default of that name); and
 * {@code required}, a list of input names that must be present after the defaults are applied.
 * A missing required input is a permanent failure naming every missing input.
 */
public final class InputHandler implements Handler {

    public static final String TYPE = "input";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public JsonNode handle(TaskContext context) throws HandlerException {
        NodeConfig config = NodeConfig.of(TYPE, context);
        ObjectNode result = Json.object();
        config.optionalObject("defaults").ifPresent(result::setAll);
        result.setAll(inputsOf(context, config));
        List<String> missing = new ArrayList<>();
        for (String name : requiredNames(config)) {
            if (!result.has(name)) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw config.invalid("missing required input" + (missing.size() == 1 ? " " : "s ")
                    + String.join(", ", missing));
        }
        return result;
    }

    private static ObjectNode inputsOf(TaskContext context, NodeConfig config) throws HandlerException {
        JsonNode inputs = context.inputs();
        if (inputs == null || inputs.isNull() || inputs.isMissingNode()) {
            return Json.object();
        }
        if (!inputs.isObject()) {
            throw config.invalid("the execution's inputs must be an object, got " + NodeConfig.describe(inputs));
        }
        return (ObjectNode) inputs;
    }

    private static List<String> requiredNames(NodeConfig config) throws HandlerException {
        List<String> names = new ArrayList<>();
        List<JsonNode> required = config.optionalList("required").orElse(List.of());
        for (int i = 0; i < required.size(); i++) {
            JsonNode name = required.get(i);
            if (!name.isTextual()) {
                throw config.invalidField("required[" + i + "]", "must be an input name, got " + NodeConfig.describe(name));
            }
            names.add(name.textValue());
        }
        return names;
    }
}
