package io.dagflow.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between JSON trees and plain Java values: {@link LinkedHashMap}, {@link ArrayList},
 * {@link String}, {@link Number}, {@link Boolean} and null. Scripting hosts (a Jenkins Pipeline,
 * for one) hand such values in and can only use such values when they are handed back: they are
 * serialisable and need no JSON library on the caller's side.
 */
public final class PlainValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PlainValues() {
    }

    /** The JSON value as plain Java values; a missing node is null. Object key order is kept. */
    public static Object toPlain(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                map.put(field.getKey(), toPlain(field.getValue()));
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            for (JsonNode element : node) {
                list.add(toPlain(element));
            }
            return list;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        if (node.isBinary() || node.isPojo()) {
            // Never produced by parsing text; rendered as JSON text rather than leaking a library type.
            return node.toString();
        }
        return node.asText();
    }

    /**
     * A JSON object as a map; null or missing gives an empty map.
     *
     * @throws IllegalArgumentException when the node is another kind of value
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> toPlainMap(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return new LinkedHashMap<>();
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("expected a JSON object but got " + describe(node));
        }
        return (Map<String, Object>) toPlain(node);
    }

    /**
     * Plain Java values as JSON. Character sequences (Groovy strings included) become text, any
     * {@link Map} with text keys an object, any {@link Collection} or array a list.
     *
     * @param what names the value in errors ("inputs")
     * @throws IllegalArgumentException naming the path of the first value that is not plain data
     */
    public static JsonNode fromPlain(Object value, String what) {
        return convert(value, what);
    }

    /**
     * Like {@link #fromPlain} for a value that must be a map; null gives an empty object.
     *
     * @throws IllegalArgumentException when the value is not a map or holds a value that is not plain data
     */
    public static ObjectNode fromPlainMap(Map<?, ?> value, String what) {
        if (value == null) {
            return NODES.objectNode();
        }
        return (ObjectNode) convert(value, what);
    }

    private static JsonNode convert(Object value, String path) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof CharSequence text) {
            return NODES.textNode(text.toString());
        }
        if (value instanceof Character character) {
            return NODES.textNode(character.toString());
        }
        if (value instanceof Boolean bool) {
            return NODES.booleanNode(bool);
        }
        if (value instanceof Number number) {
            return number(number, path);
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof CharSequence key)) {
                    throw new IllegalArgumentException(path + ": map keys must be strings, but key "
                            + entry.getKey() + " is " + typeName(entry.getKey()));
                }
                object.set(key.toString(), convert(entry.getValue(), path + "." + key));
            }
            return object;
        }
        if (value instanceof Collection<?> collection) {
            ArrayNode array = NODES.arrayNode();
            int index = 0;
            for (Object element : collection) {
                array.add(convert(element, path + "[" + index++ + "]"));
            }
            return array;
        }
        if (value instanceof Object[] elements) {
            return convert(java.util.Arrays.asList(elements), path);
        }
        throw new IllegalArgumentException(path + ": " + typeName(value)
                + " is not plain data; use strings, numbers, booleans, lists and maps");
    }

    private static JsonNode number(Number number, String path) {
        if (number instanceof Integer || number instanceof Short || number instanceof Byte) {
            return NODES.numberNode(number.intValue());
        }
        if (number instanceof Long) {
            return NODES.numberNode(number.longValue());
        }
        if (number instanceof BigInteger big) {
            return NODES.numberNode(big);
        }
        if (number instanceof BigDecimal decimal) {
            return NODES.numberNode(decimal);
        }
        if (number instanceof Double || number instanceof Float) {
            double d = number.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException(path + ": " + d + " cannot be written as JSON");
            }
            return NODES.numberNode(d);
        }
        return NODES.numberNode(new BigDecimal(number.toString()));
    }

    private static String typeName(Object value) {
        return value == null ? "null" : "a " + value.getClass().getName();
    }

    private static String describe(JsonNode node) {
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
