package io.dagflow.validation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where the members of one JSON object or array were written. Member {@code i} is the i-th field
 * of an object (in the order written, a repeated field counted once) or the i-th element of an
 * array; nested objects and arrays have their own map.
 */
final class SourceMap {

    private final long start;
    private final int size;
    private final String[] names;
    private final long[] keyPositions;
    private final long[] valuePositions;
    private final JsonNode[] values;
    private final SourceMap[] children;

    /** Takes the arrays as they are (only the first {@code size} entries count); they must not change. */
    SourceMap(long start, int size, String[] names, long[] keyPositions, long[] valuePositions, JsonNode[] values,
            SourceMap[] children) {
        this.start = start;
        this.size = size;
        this.names = names;
        this.keyPositions = keyPositions;
        this.valuePositions = valuePositions;
        this.values = values;
        this.children = children;
    }

    /** Where the opening brace or bracket is. */
    long start() {
        return start;
    }

    int size() {
        return size;
    }

    /** The value of member {@code i}, the same node the tree holds. */
    JsonNode value(int i) {
        return values[i];
    }

    /** The field name of member {@code i}; objects only. */
    String name(int i) {
        return names[i];
    }

    /** Where the field name of member {@code i} is; objects only. */
    long keyPosition(int i) {
        return keyPositions[i];
    }

    /** Where the value of member {@code i} starts. */
    long valuePosition(int i) {
        return valuePositions[i];
    }

    /** The map of member {@code i} when it is an object or array, otherwise null. */
    SourceMap child(int i) {
        return children == null ? null : children[i];
    }

    /** The index of field {@code name}, or -1; objects only. */
    int indexOf(String name) {
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
