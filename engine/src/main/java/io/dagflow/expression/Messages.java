package io.dagflow.expression;

import com.fasterxml.jackson.databind.JsonNode;

/** How messages show values and written text: briefly, since a result may be megabytes. */
final class Messages {

    private static final int LONGEST_SHOWN = 60;

    private Messages() {
    }

    static String shortened(String text) {
        return text.length() <= LONGEST_SHOWN ? text : text.substring(0, LONGEST_SHOWN - 3) + "...";
    }

    /** The value as compact JSON, shortened. */
    static String show(JsonNode value) {
        return value.isMissingNode() ? "absent" : shortened(value.toString());
    }

    /** "a string", "a number", "null", ...: the kind of a value, as a type error names it. */
    static String kind(JsonNode value) {
        switch (value.getNodeType()) {
            case STRING:
                return "a string";
            case NUMBER:
                return "a number";
            case BOOLEAN:
                return "a boolean";
            case NULL:
                return "null";
            case ARRAY:
                return "a list";
            case OBJECT:
                return "an object";
            default:
                return "a " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
