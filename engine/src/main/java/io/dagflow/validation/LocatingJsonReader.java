package io.dagflow.validation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dagflow.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Builds a JSON tree from Jackson's token stream, recording where each value was written. The
 * tree equals what {@code Json.mapper().readTree} gives, except that a field written twice keeps
 * its first value and is reported. Iterative, so nesting depth is bounded only by Jackson's limits.
 */
final class LocatingJsonReader {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Jackson names its input in messages; the problem already says which file and where. */
    private static final Pattern SOURCE_REFERENCE =
            Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)]");

    private final JsonFactory factory = Json.mapper().getFactory();

    LocatedJson read(String text, Problems problems) {
        JsonParser reading = null;
        try (JsonParser parser = factory.createParser(text)) {
            reading = parser;
            return read(parser, problems);
        } catch (JsonProcessingException e) {
            // limits (nesting depth, number length) are reported without a location: use the parser's
            JsonLocation where = e.getLocation() != null || reading == null
                    ? e.getLocation()
                    : reading.currentLocation();
            problems.add(Position.of(where), null, null, "malformed JSON: " + describe(e));
            return new LocatedJson(null, Position.UNKNOWN, null);
        } catch (IOException e) {
            throw new UncheckedIOException("reading from a string cannot fail this way", e);
        }
    }

    private LocatedJson read(JsonParser parser, Problems problems) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            problems.add(Position.UNKNOWN, null, null, "the file is empty; expected a workflow definition object");
            return new LocatedJson(null, Position.UNKNOWN, null);
        }
        OpenContainers open = new OpenContainers();
        while (true) {
            long position = Position.of(parser.currentTokenLocation());
            if (token == JsonToken.START_OBJECT) {
                open.push(NODES.objectNode(), position);
            } else if (token == JsonToken.START_ARRAY) {
                open.push(NODES.arrayNode(), position);
            } else if (token == JsonToken.FIELD_NAME) {
                open.name(parser.currentName(), position, problems);
            } else {
                JsonNode value;
                SourceMap map = null;
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    Frame closed = open.pop();
                    value = closed.node;
                    map = closed.toMap();
                    position = closed.start;
                } else {
                    value = scalar(parser, token);
                }
                if (open.isEmpty()) {
                    rejectTrailingContent(parser, problems);
                    return new LocatedJson(value, position, map);
                }
                open.top().add(value, position, map);
            }
            token = parser.nextToken();
        }
    }

    private static void rejectTrailingContent(JsonParser parser, Problems problems) throws IOException {
        if (parser.nextToken() != null) {
            problems.add(Position.of(parser.currentTokenLocation()), null, null,
                    "unexpected content after the end of the workflow definition");
        }
    }

    private static JsonNode scalar(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NODES.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new IllegalStateException("unexpected JSON token " + token);
        };
    }

    private static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        message = SOURCE_REFERENCE.matcher(message).replaceAll("line $1, column $2");
        int lineBreak = message.indexOf('\n');
        return lineBreak < 0 ? message : message.substring(0, lineBreak);
    }

    /**
     * The objects and arrays whose closing token has not been read yet, innermost last. A frame
     * is reused for every container at its depth, so that its working arrays are allocated once
     * rather than once per container; only the finished {@link SourceMap} is sized to fit.
     */
    private static final class OpenContainers {
        private Frame[] frames = new Frame[16];
        private int depth;

        void push(JsonNode node, long start) {
            if (depth == frames.length) {
                frames = Arrays.copyOf(frames, depth * 2);
            }
            if (frames[depth] == null) {
                frames[depth] = new Frame();
            }
            Frame parent = depth == 0 ? null : frames[depth - 1];
            frames[depth++].open(node, start, parent);
        }

        Frame pop() {
            return frames[--depth];
        }

        Frame top() {
            return frames[depth - 1];
        }

        boolean isEmpty() {
            return depth == 0;
        }

        void name(String name, long position, Problems problems) {
            Frame object = top();
            int first = object.name(name, position);
            if (first >= 0) {
                problems.add(position, null, path() + name, "is written twice (first at "
                        + Position.describe(object.keyPositions[first]) + "); JSON keeps only one, so remove the other");
            }
        }

        /** The dotted path of the innermost object, ending with a dot unless it is the root. */
        private String path() {
            StringBuilder path = new StringBuilder();
            for (int i = 0; i < depth; i++) {
                Frame frame = frames[i];
                if (frame.keyInParent != null) {
                    path.append(path.length() > 0 ? "." : "").append(frame.keyInParent);
                } else if (frame.indexInParent >= 0) {
                    path.append('[').append(frame.indexInParent).append(']');
                }
            }
            return path.length() == 0 ? "" : path.append('.').toString();
        }
    }

    /** One open object or array: its members so far, in arrays that grow as needed. */
    private static final class Frame {
        private static final int FIRST_CAPACITY = 8;

        JsonNode node;
        long start;
        /** The key (in an object) or index (in an array) of this container in its parent; for messages. */
        String keyInParent;
        int indexInParent;
        boolean object;
        String[] names = new String[FIRST_CAPACITY];
        long[] keyPositions = new long[FIRST_CAPACITY];
        long[] valuePositions = new long[FIRST_CAPACITY];
        JsonNode[] values = new JsonNode[FIRST_CAPACITY];
        SourceMap[] children = new SourceMap[FIRST_CAPACITY];
        boolean hasChildren;
        int size;
        String pendingName;
        long pendingKeyPosition;
        boolean pendingRepeated;

        void open(JsonNode container, long at, Frame parent) {
            node = container;
            start = at;
            object = container.isObject();
            keyInParent = parent != null && parent.object ? parent.pendingName : null;
            indexInParent = parent != null && !parent.object ? parent.size : -1;
            hasChildren = false;
            size = 0;
            pendingName = null;
            pendingRepeated = false;
        }

        /** Starts a field; returns the index where the same name was already written, or -1. */
        int name(String name, long position) {
            pendingName = name;
            pendingKeyPosition = position;
            int first = indexOf(name);
            pendingRepeated = first >= 0;
            return first;
        }

        private int indexOf(String name) {
            if (size > FIRST_CAPACITY && !node.has(name)) {
                return -1;
            }
            for (int i = 0; i < size; i++) {
                if (names[i].equals(name)) {
                    return i;
                }
            }
            return -1;
        }

        void add(JsonNode value, long position, SourceMap map) {
            if (object && pendingRepeated) {
                return;
            }
            if (size == values.length) {
                grow();
            }
            if (object) {
                ((ObjectNode) node).set(pendingName, value);
                names[size] = pendingName;
                keyPositions[size] = pendingKeyPosition;
            } else {
                ((ArrayNode) node).add(value);
            }
            children[size] = map;
            hasChildren |= map != null;
            values[size] = value;
            valuePositions[size] = position;
            size++;
        }

        private void grow() {
            int capacity = values.length * 2;
            values = Arrays.copyOf(values, capacity);
            valuePositions = Arrays.copyOf(valuePositions, capacity);
            names = Arrays.copyOf(names, capacity);
            keyPositions = Arrays.copyOf(keyPositions, capacity);
            children = Arrays.copyOf(children, capacity);
        }

        /** The finished container's map; the frame may then be reused. */
        SourceMap toMap() {
            SourceMap map = new SourceMap(start, size,
                    object ? Arrays.copyOf(names, size) : null,
                    object ? Arrays.copyOf(keyPositions, size) : null,
                    Arrays.copyOf(valuePositions, size),
                    Arrays.copyOf(values, size),
                    hasChildren ? Arrays.copyOf(children, size) : null);
            // drop references so a reused frame does not keep finished trees alive
            Arrays.fill(values, 0, size, null);
            Arrays.fill(children, 0, size, null);
            return map;
        }
    }
}
