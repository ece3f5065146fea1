package io.dagflow.worker;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dagflow.template.TemplateException;
import io.dagflow.template.TemplateResolver;
import io.dagflow.transport.TaskMessage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts a worker's secrets into the config strings a task names as holding them, and only those:
 * a {@code {{secrets.NAME}}} that upstream data carried anywhere else stays text, so data cannot
 * make a worker send its secrets where the data points. What a handler returns or says is then
 * masked: each secret value used is replaced by {@code ***} in the result and in error messages.
 */
final class SecretFields {

    static final String MASK = "***";

    /** The config the handler sees, and the secret values it now holds. */
    record Resolved(JsonNode config, Set<String> values) {

        JsonNode mask(JsonNode result) {
            return values.isEmpty() || result == null ? result : maskNode(result, values);
        }

        String mask(String text) {
            return values.isEmpty() || text == null ? text : maskText(text, values);
        }
    }

    private SecretFields() {
    }

    static Resolved resolve(TaskMessage task, Secrets secrets) throws TemplateException {
        if (task.secretFields().isEmpty()) {
            return new Resolved(task.config(), Set.of());
        }
        JsonNode config = task.config().deepCopy();
        Set<String> used = new LinkedHashSet<>();
        for (String field : task.secretFields()) {
            JsonPointer pointer = JsonPointer.compile(field);
            JsonNode written = config.at(pointer);
            if (!written.isTextual()) {
                throw new TemplateException(field, "the task names " + field + " as holding a secret, but it holds none");
            }
            String value = TemplateResolver.resolveSecrets(written.textValue(), name -> {
                String secret = secrets.value(name);
                if (secret != null && !secret.isEmpty()) {
                    used.add(secret);
                }
                return secret;
            });
            replace(config, pointer, TextNode.valueOf(value));
        }
        return new Resolved(config, used);
    }

    private static void replace(JsonNode root, JsonPointer pointer, JsonNode value) {
        JsonNode parent = root.at(pointer.head());
        String last = pointer.last().getMatchingProperty();
        if (parent instanceof ObjectNode object) {
            object.set(last, value);
        } else if (parent instanceof ArrayNode array) {
            array.set(pointer.last().getMatchingIndex(), value);
        }
    }

    private static JsonNode maskNode(JsonNode node, Set<String> values) {
        if (node.isTextual()) {
            return TextNode.valueOf(maskText(node.textValue(), values));
        }
        if (node.isObject()) {
            ObjectNode masked = ((ObjectNode) node).objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                masked.set(maskText(field.getKey(), values), maskNode(field.getValue(), values));
            }
            return masked;
        }
        if (node.isArray()) {
            ArrayNode masked = ((ArrayNode) node).arrayNode();
            node.forEach(element -> masked.add(maskNode(element, values)));
            return masked;
        }
        return node;
    }

    private static String maskText(String text, Set<String> values) {
        String masked = text;
        // Longest first, so that a secret holding another is masked whole.
        List<String> ordered = new ArrayList<>(values);
        ordered.sort((a, b) -> b.length() - a.length());
        for (String value : ordered) {
            masked = masked.replace(value, MASK);
        }
        return masked;
    }
}
