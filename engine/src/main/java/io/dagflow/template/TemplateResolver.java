package io.dagflow.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dagflow.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code {{ node.path.to.value }}} templates in a node's config against upstream results.
 *
 * <p>A string that is exactly one template takes the value with its JSON type (a number stays a
 * number, an object stays an object). A template inside a longer string is rendered as text:
 * scalars as their text, objects and arrays as compact JSON. Keys are resolved too and always
 * render as text. Paths use dots; list indexes are numbers ({@code items.0.id}) or brackets
 * ({@code items[0].id}).
 */
public final class TemplateResolver {

    private static final Pattern TEMPLATE = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");
    private static final Pattern BRACKET_INDEX = Pattern.compile("\\[(\\d+)]");

    private TemplateResolver() {
    }

    /** A copy of {@code config} with every template replaced (none may be a secret). */
    public static JsonNode resolve(JsonNode config, TemplateScope scope) throws TemplateException {
        return resolve(config, scope, null);
    }

    /**
     * A copy of {@code config} with every template replaced except {@code {{secrets.NAME}}}: a
     * string holding secrets is left as written, and its JSON pointer added to
     * {@code secretFields}, so that the worker resolves exactly those strings and no text that
     * upstream data put elsewhere.
     *
     * @param secretFields where the pointers go; null when secrets are not allowed here
     */
    public static JsonNode resolve(JsonNode config, TemplateScope scope, List<String> secretFields)
            throws TemplateException {
        if (config == null || !containsTemplate(config)) {
            return config;
        }
        return resolveNode(config, scope, "", secretFields);
    }

    /** Whether the string holds a {@code {{secrets.NAME}}} template. */
    public static boolean holdsSecret(String text) {
        if (!text.contains("{{")) {
            return false;
        }
        for (TemplateReference reference : parse(text)) {
            if (reference.isSecretReference()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Replaces the {@code {{secrets.NAME}}} templates of a string left for the worker.
     *
     * @param secrets a secret's value by name, or null when unknown
     */
    public static String resolveSecrets(String text, java.util.function.Function<String, String> secrets)
            throws TemplateException {
        Matcher matcher = TEMPLATE.matcher(text);
        StringBuilder rendered = new StringBuilder();
        int last = 0;
        while (matcher.find()) {
            TemplateReference reference = reference(matcher.group(), matcher.group(1));
            rendered.append(text, last, matcher.start());
            if (!reference.isSecretReference() || reference.path().size() != 1) {
                throw new TemplateException(reference.text(), "template " + reference.text()
                        + " is not a secret; a string with a secret holds only secrets and text");
            }
            String value = secrets.apply(reference.path().get(0));
            if (value == null) {
                throw new TemplateException(reference.text(), "secret '" + reference.path().get(0) + "' is not known"
                        + " here");
            }
            rendered.append(value);
            last = matcher.end();
        }
        rendered.append(text, last, text.length());
        return rendered.toString();
    }

    /** Every template in {@code config}, keys included, in order of appearance. */
    public static List<TemplateReference> references(JsonNode config) {
        List<TemplateReference> found = new ArrayList<>();
        collect(config, found);
        return found;
    }

    /** The node ids {@code config} reads from ({@code workflow} excluded). */
    public static Set<String> referencedNodes(JsonNode config) {
        Set<String> ids = new LinkedHashSet<>();
        for (TemplateReference reference : references(config)) {
            if (!reference.isWorkflowReference()) {
                ids.add(reference.root());
            }
        }
        return ids;
    }

    /** Parses the templates of one string. */
    public static List<TemplateReference> parse(String text) {
        List<TemplateReference> found = new ArrayList<>();
        Matcher matcher = TEMPLATE.matcher(text);
        while (matcher.find()) {
            found.add(reference(matcher.group(), matcher.group(1)));
        }
        return found;
    }

    private static TemplateReference reference(String text, String expression) {
        String normalised = expression.indexOf('[') < 0
                ? expression
                : BRACKET_INDEX.matcher(expression).replaceAll(".$1");
        List<String> segments = new ArrayList<>();
        for (String segment : normalised.split("\\.", -1)) {
            segments.add(segment.trim());
        }
        String root = segments.remove(0);
        return new TemplateReference(text, root, segments);
    }

    private static boolean containsTemplate(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue().contains("{{");
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().contains("{{") || containsTemplate(field.getValue())) {
                    return true;
                }
            }
            return false;
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (containsTemplate(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void collect(JsonNode node, List<TemplateReference> found) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            found.addAll(parse(node.textValue()));
        } else if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                found.addAll(parse(field.getKey()));
                collect(field.getValue(), found);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                collect(element, found);
            }
        }
    }

    private static JsonNode resolveNode(JsonNode node, TemplateScope scope, String pointer, List<String> secretFields)
            throws TemplateException {
        if (node.isTextual()) {
            if (holdsSecret(node.textValue())) {
                if (secretFields == null) {
                    throw new TemplateException(node.textValue(), "secrets cannot be used here: " + node.textValue());
                }
                secretFields.add(pointer);
                return node;
            }
            return resolveString(node.textValue(), scope);
        }
        if (node.isObject()) {
            ObjectNode resolved = JsonNodeFactory.instance.objectNode();
            Map<String, String> writtenAs = new HashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String key = renderInline(field.getKey(), scope);
                String other = writtenAs.putIfAbsent(key, field.getKey());
                if (other != null) {
                    throw collidingKeys(field.getKey().contains("{{") ? field.getKey() : other, key);
                }
                resolved.set(key, resolveNode(field.getValue(), scope, pointer + "/" + escape(key), secretFields));
            }
            return resolved;
        }
        if (node.isArray()) {
            ArrayNode resolved = JsonNodeFactory.instance.arrayNode();
            int index = 0;
            for (JsonNode element : node) {
                resolved.add(resolveNode(element, scope, pointer + "/" + index++, secretFields));
            }
            return resolved;
        }
        return node;
    }

    /** A key as a JSON Pointer segment (RFC 6901). */
    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    /** Two keys of one object that resolve to the same text would silently keep only one value. */
    private static TemplateException collidingKeys(String templatedKey, String key) {
        return new TemplateException(templatedKey, "template key '" + templatedKey + "' becomes '" + key
                + "', which another key of the same object already is; one of the two values would be lost");
    }

    private static JsonNode resolveString(String text, TemplateScope scope) throws TemplateException {
        Matcher matcher = TEMPLATE.matcher(text);
        if (matcher.matches()) {
            return lookup(reference(text, matcher.group(1)), scope);
        }
        return TextNode.valueOf(renderInline(text, scope));
    }

    private static String renderInline(String text, TemplateScope scope) throws TemplateException {
        if (!text.contains("{{")) {
            return text;
        }
        Matcher matcher = TEMPLATE.matcher(text);
        StringBuilder rendered = new StringBuilder();
        int last = 0;
        while (matcher.find()) {
            rendered.append(text, last, matcher.start());
            JsonNode value = lookup(reference(matcher.group(), matcher.group(1)), scope);
            rendered.append(value.isValueNode() ? value.asText() : Json.write(value));
            last = matcher.end();
        }
        rendered.append(text, last, text.length());
        return rendered.toString();
    }

    private static JsonNode lookup(TemplateReference reference, TemplateScope scope) throws TemplateException {
        if (reference.root().isEmpty()) {
            throw new TemplateException(reference.text(), "template " + reference.text() + " is empty");
        }
        JsonNode value;
        String source;
        if (reference.isWorkflowReference()) {
            value = scope.workflow();
            source = "the workflow";
        } else {
            value = scope.nodeResult(reference.root()).orElseThrow(() -> new TemplateException(reference.text(),
                    "template " + reference.text() + " refers to node '" + reference.root()
                            + "', which has no result"));
            source = "the result of node '" + reference.root() + "'";
        }
        StringBuilder walked = new StringBuilder(reference.root());
        for (String key : reference.path()) {
            JsonNode next = step(value, key);
            if (next == null) {
                throw new TemplateException(reference.text(), "template " + reference.text() + ": " + source
                        + " has no key '" + key + "' at " + walked + describe(value));
            }
            walked.append('.').append(key);
            value = next;
        }
        return value;
    }

    private static JsonNode step(JsonNode value, String key) {
        if (value.isObject()) {
            JsonNode next = value.get(key);
            return next == null || next.isMissingNode() ? null : next;
        }
        if (value.isArray() && !key.isEmpty() && key.chars().allMatch(Character::isDigit)) {
            try {
                JsonNode next = value.get(Integer.parseInt(key));
                return next == null || next.isMissingNode() ? null : next;
            } catch (NumberFormatException tooLarge) {
                return null;
            }
        }
        return null;
    }

    private static String describe(JsonNode value) {
        if (value.isObject()) {
            List<String> keys = new ArrayList<>();
            value.fieldNames().forEachRemaining(keys::add);
            return keys.isEmpty() ? " (an empty object)" : " (keys: " + String.join(", ", keys) + ")";
        }
        if (value.isArray()) {
            return " (a list of " + value.size() + ")";
        }
        return " (a " + value.getNodeType().name().toLowerCase() + ")";
    }
}
