package io.dagflow.validation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.base.ParserBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dagflow.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
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
        try (JsonParser parser = factory.createParser(text)) {
            return read(parser, problems);
        } catch (JsonProcessingException e) {
            problems.add(Position.of(e.getLocation()), null, null, "malformed JSON: " + describe(e));
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
        Deque<Frame> open = new ArrayDeque<>();
        while (true) {
            long position = tokenPosition(parser);
            if (token == JsonToken.START_OBJECT) {
                open.push(new Frame(NODES.objectNode(), position, open.peek()));
            } else if (token == JsonToken.START_ARRAY) {
                open.push(new Frame(NODES.arrayNode(), position, open.peek()));
            } else if (token == JsonToken.FIELD_NAME) {
                open.peek().name(parser.currentName(), position, open, problems);
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
                open.peek().add(value, position, map);
            }
            token = parser.nextToken();
        }
    }

    /** Where the current token starts; Jackson's own parsers tell without allocating a location. */
    private static long tokenPosition(JsonParser parser) {
        if (parser instanceof ParserBase base) {
            return Position.of(base.getTokenLineNr(), base.getTokenColumnNr());
        }
        return Position.of(parser.currentTokenLocation());
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

    /** An object or array whose closing token has not been read yet; its members in growable arrays. */
    private static final class Frame {
        private static final int FIRST_CAPACITY = 8;

        final JsonNode node;
        final long start;
        /** The key (in an object) or index (in an array) of this frame in its parent; for messages. */
        final String keyInParent;
        final int indexInParent;
        String[] names;
        long[] keyPositions;
        long[] valuePositions = new long[FIRST_CAPACITY];
        JsonNode[] values = new JsonNode[FIRST_CAPACITY];
        SourceMap[] children;
        int size;
        String pendingName;
        long pendingKeyPosition;
        boolean pendingRepeated;

        Frame(JsonNode node, long start, Frame parent) {
            this.node = node;
            this.start = start;
            this.keyInParent = parent == null ? null : parent.pendingName;
            this.indexInParent = parent == null ? -1 : parent.size;
            if (node.isObject()) {
                names = new String[FIRST_CAPACITY];
                keyPositions = new long[FIRST_CAPACITY];
            }
        }

        boolean object() {
            return names != null;
        }

        void name(String name, long position, Deque<Frame> open, Problems problems) {
            pendingName = name;
            pendingKeyPosition = position;
            int first = indexOf(name);
            pendingRepeated = first >= 0;
            if (pendingRepeated) {
                problems.add(position, null, path(open) + name, "is written twice (first at "
                        + Position.describe(keyPositions[first]) + "); JSON keeps only one, so remove the other");
            }
        }

        private int indexOf(String name) {
            if (size > FIRST_CAPACITY) {
                return node.has(name) ? Arrays.asList(names).subList(0, size).indexOf(name) : -1;
            }
            for (int i = 0; i < size; i++) {
                if (names[i].equals(name)) {
                    return i;
                }
            }
            return -1;
        }

        void add(JsonNode value, long position, SourceMap map) {
            if (object() && pendingRepeated) {
                return;
            }
            if (size == values.length) {
                grow();
            }
            if (object()) {
                ((ObjectNode) node).set(pendingName, value);
                names[size] = pendingName;
                keyPositions[size] = pendingKeyPosition;
            } else {
                ((ArrayNode) node).add(value);
            }
            if (map != null && children == null) {
                children = new SourceMap[values.length];
            }
            if (children != null) {
                children[size] = map;
            }
            values[size] = value;
            valuePositions[size] = position;
            size++;
        }

        private void grow() {
            int capacity = values.length * 2;
            values = Arrays.copyOf(values, capacity);
            valuePositions = Arrays.copyOf(valuePositions, capacity);
            if (object()) {
                names = Arrays.copyOf(names, capacity);
                keyPositions = Arrays.copyOf(keyPositions, capacity);
            }
            if (children != null) {
                children = Arrays.copyOf(children, capacity);
            }
        }

        SourceMap toMap() {
            return new SourceMap(start, size, names, keyPositions, valuePositions, values, children);
        }

        /** The dotted path of the innermost frame's object, ending with a dot unless it is the root. */
        private static String path(Deque<Frame> open) {
            StringBuilder path = new StringBuilder();
            Iterator<Frame> fromRoot = open.descendingIterator();
            while (fromRoot.hasNext()) {
                Frame frame = fromRoot.next();
                if (frame.keyInParent != null) {
                    path.append(path.length() > 0 ? "." : "").append(frame.keyInParent);
                } else if (frame.indexInParent >= 0) {
                    path.append('[').append(frame.indexInParent).append(']');
                }
            }
            return path.length() == 0 ? "" : path.append('.').toString();
        }
    }
}
