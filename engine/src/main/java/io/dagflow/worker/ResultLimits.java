package io.dagflow.worker;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.json.Json;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/**
 * What a handler's result must be for it to be stored and carried: JSON that every reader of it
 * (the result store, the messages it travels in, the orchestrator) can write and read back, within
 * the limits every reader applies ({@link Json#MAX_STRING_LENGTH} and the others). A
 * result that breaks a limit fails its node with the limit named, instead of failing every write
 * of it and leaving its task to be delivered again forever.
 */
public final class ResultLimits {

    /**
     * Levels of nested arrays and objects. The JSON parser reads at most 1000, and a result
     * travels inside a message, which adds levels of its own.
     */
    public static final int MAX_DEPTH = 900;

    /** Characters of JSON, counted as written (strings with their quotes, numbers with their digits). */
    public static final long MAX_CHARS = 32L * 1024 * 1024;

    private ResultLimits() {
    }

    /** Null when the result may be stored, otherwise what is wrong with it, for the node's error. */
    public static String problem(JsonNode result) {
        Deque<Level> levels = new ArrayDeque<>();
        long chars = 0;
        if (!result.isContainerNode()) {
            return textProblem(result, "the result");
        }
        levels.push(new Level(result));
        chars += 2;
        while (!levels.isEmpty()) {
            Level level = levels.peek();
            if (!level.hasNext()) {
                levels.pop();
                continue;
            }
            Map.Entry<String, JsonNode> entry = level.next();
            if (entry.getKey() != null) {
                String badName = unpairedSurrogate(entry.getKey());
                if (badName != null) {
                    return "the result has a field name that is not valid Unicode text (" + badName + ")";
                }
                if (entry.getKey().length() > Json.MAX_NAME_LENGTH) {
                    return tooLong("field name", entry.getKey().length(), Json.MAX_NAME_LENGTH);
                }
                chars += entry.getKey().length() + 3;
            }
            JsonNode value = entry.getValue();
            chars += 1;
            if (value.isContainerNode()) {
                if (levels.size() + 1 > MAX_DEPTH) {
                    return "the result nests arrays and objects more than " + MAX_DEPTH + " levels deep"
                            + " (the limit for a result)";
                }
                levels.push(new Level(value));
                chars += 2;
            } else {
                String bad = textProblem(value, "a value of the result");
                if (bad != null) {
                    return bad;
                }
                chars += value.isTextual() ? value.textValue().length() + 2 : value.asText().length();
            }
            if (chars > MAX_CHARS) {
                return "the result is larger than " + MAX_CHARS + " characters of JSON (the limit for a result)";
            }
        }
        return null;
    }

    private static String textProblem(JsonNode value, String what) {
        if (value.isTextual()) {
            String bad = unpairedSurrogate(value.textValue());
            if (bad != null) {
                return what + " is a string that is not valid Unicode text (" + bad + ")";
            }
            if (value.textValue().length() > MAX_CHARS) {
                return "the result is larger than " + MAX_CHARS + " characters of JSON (the limit for a result)";
            }
            // every reader refuses a longer string, whatever the size of the whole result
            if (value.textValue().length() > Json.MAX_STRING_LENGTH) {
                return tooLong("string", value.textValue().length(), Json.MAX_STRING_LENGTH);
            }
        }
        if (value.isBigInteger() || value.isBigDecimal()) {
            int length = value.isBigInteger() ? value.bigIntegerValue().toString().length()
                    : value.decimalValue().toString().length();
            if (length > Json.MAX_NUMBER_LENGTH) {
                return tooLong("number", length, Json.MAX_NUMBER_LENGTH);
            }
        }
        return null;
    }

    /** Worded as a reader of the stored result would report it (docs/workflow-format.md#limits). */
    private static String tooLong(String what, int length, int max) {
        return what + " length limit exceeded: a " + what + " of " + length + " characters, and at most " + max
                + " are allowed";
    }

    /** The position of a lone surrogate, which no UTF-8 writer can encode, or null. */
    private static String unpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return String.format(java.util.Locale.ROOT, "a lone surrogate U+%04X at character %d", (int) c, i);
            }
        }
        return null;
    }

    /** The members of one array (no names) or object left to visit. */
    private static final class Level {
        private final Iterator<Map.Entry<String, JsonNode>> fields;
        private final Iterator<JsonNode> elements;

        Level(JsonNode container) {
            this.fields = container.isObject() ? container.fields() : null;
            this.elements = container.isObject() ? null : container.elements();
        }

        boolean hasNext() {
            return fields != null ? fields.hasNext() : elements.hasNext();
        }

        Map.Entry<String, JsonNode> next() {
            return fields != null ? fields.next() : new java.util.AbstractMap.SimpleEntry<>(null, elements.next());
        }
    }
}
