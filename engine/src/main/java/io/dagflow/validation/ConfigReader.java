package io.dagflow.validation;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a node's {@code config}, which may be any JSON object, into the tree
 * {@code Json.mapper().readTree} would build, noting each string (value or key) that holds a
 * template, with its position, for the template checks. A key written twice is reported and its
 * first value kept. Iterative, so nesting depth is bounded only by Jackson's own limit.
 */
final class ConfigReader {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String TEMPLATE_START = "{{";

    private final Tokens tokens;
    /** One frame per depth, reused by every container at that depth. */
    private Frame[] frames = new Frame[8];
    private int depth;

    ConfigReader(Tokens tokens) {
        this.tokens = tokens;
    }

    /** Reads the object whose opening brace is the current token, up to and including its closing brace. */
    ObjectNode read(NodeDraft node) throws IOException {
        ObjectNode config = NODES.objectNode();
        push(config);
        while (depth > 0) {
            JsonToken token = tokens.next();
            Frame top = frames[depth - 1];
            switch (token) {
                case FIELD_NAME -> name(top, node);
                case START_OBJECT -> push(top.add(NODES.objectNode()));
                case START_ARRAY -> push(top.add(NODES.arrayNode()));
                case END_OBJECT, END_ARRAY -> depth--;
                default -> {
                    if (token == JsonToken.VALUE_STRING && tokens.text().contains(TEMPLATE_START)) {
                        node.addTemplateSite(new TemplateSite(tokens.text(), tokens.position(), path()));
                    }
                    top.add(tokens.scalar());
                }
            }
        }
        return config;
    }

    private void name(Frame object, NodeDraft node) throws IOException {
        String name = tokens.name();
        long position = tokens.position();
        int first = object.name(name, position);
        if (first >= 0) {
            node.report(position, TemplateSite.field(path()), "is written twice (first at "
                    + Position.describe(object.keyPositions[first]) + "); JSON keeps only one, so remove the other");
        } else if (name.contains(TEMPLATE_START)) {
            node.addTemplateSite(new TemplateSite(name, position, path()));
        }
    }

    private void push(JsonNode container) {
        if (depth == frames.length) {
            frames = Arrays.copyOf(frames, depth * 2);
        }
        if (frames[depth] == null) {
            frames[depth] = new Frame();
        }
        frames[depth++].open(container);
    }

    /** From {@code config} to the member being read. */
    private List<Object> path() {
        List<Object> path = new ArrayList<>(depth + 1);
        path.add("config");
        for (int i = 0; i < depth; i++) {
            Frame frame = frames[i];
            if (frame.object) {
                path.add(frame.pendingName);
            } else {
                // an open container was added to its parent list when it started; a scalar is added after this
                path.add(i < depth - 1 ? frame.size - 1 : frame.size);
            }
        }
        return List.copyOf(path);
    }

    /** One open object or array. */
    private static final class Frame {
        private static final int FIRST_CAPACITY = 8;

        JsonNode container;
        boolean object;
        String[] names = new String[FIRST_CAPACITY];
        long[] keyPositions = new long[FIRST_CAPACITY];
        int size;
        String pendingName;
        boolean pendingRepeated;

        void open(JsonNode node) {
            container = node;
            object = node.isObject();
            size = 0;
            pendingName = null;
            pendingRepeated = false;
        }

        /** Starts a field; returns the index where the same name was already written, or -1. */
        int name(String name, long position) {
            pendingName = name;
            int first = -1;
            if (size <= FIRST_CAPACITY || container.has(name)) {
                for (int i = 0; i < size && first < 0; i++) {
                    first = names[i].equals(name) ? i : -1;
                }
            }
            pendingRepeated = first >= 0;
            if (!pendingRepeated) {
                if (size == names.length) {
                    names = Arrays.copyOf(names, size * 2);
                    keyPositions = Arrays.copyOf(keyPositions, size * 2);
                }
                names[size] = name;
                keyPositions[size] = position;
            }
            return first;
        }

        /** Adds a member (a repeated field's value is dropped) and returns it. */
        JsonNode add(JsonNode value) {
            if (!object) {
                ((ArrayNode) container).add(value);
                size++;
            } else if (!pendingRepeated) {
                ((ObjectNode) container).set(pendingName, value);
                size++;
            }
            return value;
        }
    }
}
