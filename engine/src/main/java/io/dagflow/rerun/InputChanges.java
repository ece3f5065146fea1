package io.dagflow.rerun;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.handler.builtin.BuiltinHandlers;
import io.dagflow.handler.builtin.InputHandler;
import io.dagflow.model.NodeDefinition;
import io.dagflow.template.TemplateReference;
import io.dagflow.template.TemplateResolver;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The workflow inputs a rerun gives differently from the execution it reruns, and which nodes
 * read them: a node computed from an input that changed cannot be reused.
 *
 * <p>A node reads the inputs when it is an {@code input} node (its result is the inputs), when a
 * template of its config reads {@code workflow.inputs} (or one of them), or when its handler is
 * not a built-in one: a custom handler may read {@code TaskContext.inputs()} directly. Only
 * names are ever shown, never values: inputs may hold secrets.
 */
final class InputChanges {

    private final Set<String> changed;

    private InputChanges(Set<String> changed) {
        this.changed = changed;
    }

    /** The inputs whose value differs, those given first, then those no longer given. */
    static InputChanges between(JsonNode before, JsonNode after) {
        Set<String> changed = new LinkedHashSet<>();
        addDifferences(after, before, changed);
        addDifferences(before, after, changed);
        return new InputChanges(changed);
    }

    private static void addDifferences(JsonNode from, JsonNode other, Set<String> changed) {
        if (from == null || !from.isObject()) {
            return;
        }
        Iterator<String> names = from.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            JsonNode counterpart = other == null ? null : other.get(name);
            if (!from.get(name).equals(counterpart)) {
                changed.add(name);
            }
        }
    }

    /** Why the node must run again because of the inputs, or null when it reads none that changed. */
    String reasonFor(NodeDefinition node) {
        if (changed.isEmpty()) {
            return null;
        }
        String names = " (" + String.join(", ", changed) + ")";
        if (InputHandler.TYPE.equals(node.handler())) {
            return "the workflow inputs it returns changed" + names;
        }
        String read = changedInputsRead(node);
        if (read != null) {
            return read;
        }
        if (!BuiltinHandlers.TYPES.contains(node.handler())) {
            return "its handler '" + node.handler() + "' may read the workflow inputs, which changed" + names;
        }
        return null;
    }

    private String changedInputsRead(NodeDefinition node) {
        if (!node.hasConfig()) {
            return null;
        }
        Set<String> read = new LinkedHashSet<>();
        for (TemplateReference reference : TemplateResolver.references(node.config())) {
            List<String> path = reference.path();
            if (!reference.isWorkflowReference() || (!path.isEmpty() && !"inputs".equals(path.get(0)))) {
                continue;
            }
            if (path.size() < 2) {
                return "its config reads " + reference.expression() + ", which changed ("
                        + String.join(", ", changed) + ")";
            }
            if (changed.contains(path.get(1))) {
                read.add(TemplateReference.WORKFLOW + ".inputs." + path.get(1));
            }
        }
        return read.isEmpty() ? null : "its config reads " + String.join(" and ", new ArrayList<>(read)) + ", which changed";
    }
}
