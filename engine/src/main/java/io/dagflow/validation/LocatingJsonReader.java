package io.dagflow.validation;

import com.fasterxml.jackson.core.JsonFactory;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
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
            long position = Position.of(parser.currentTokenLocation());
            if (token == JsonToken.START_OBJECT) {
                open.push(new Frame(NODES.objectNode(), position, segment(open)));
            } else if (token == JsonToken.START_ARRAY) {
                open.push(new Frame(NODES.arrayNode(), position, segment(open)));
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

    private static String segment(Deque<Frame> open) {
        Frame parent = open.peek();
        if (parent == null) {
            return "";
        }
        return parent.object() ? parent.pendingName : "[" + parent.valuePositions.size() + "]";
    }

    private static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        message = SOURCE_REFERENCE.matcher(message).replaceAll("line $1, column $2");
        int lineBreak = message.indexOf('\n');
        return lineBreak < 0 ? message : message.substring(0, lineBreak);
    }

    /** An object or array whose closing token has not been read yet. */
    private static final class Frame {
        final JsonNode node;
        final long start;
        final String segment;
        final List<String> names;
        final LongList keyPositions;
        final LongList valuePositions = new LongList();
        List<SourceMap> children;
        String pendingName;
        long pendingKeyPosition;
        boolean pendingRepeated;

        Frame(JsonNode node, long start, String segment) {
            this.node = node;
            this.start = start;
            this.segment = segment;
            this.names = node.isObject() ? new ArrayList<>() : null;
            this.keyPositions = node.isObject() ? new LongList() : null;
        }

        boolean object() {
            return names != null;
        }

        void name(String name, long position, Deque<Frame> open, Problems problems) {
            pendingName = name;
            pendingKeyPosition = position;
            pendingRepeated = node.has(name);
            if (pendingRepeated) {
                long first = keyPositions.get(names.indexOf(name));
                problems.add(position, null, path(open) + name, "field '" + name + "' is written twice (first at "
                        + Position.describe(first) + "); remove one of them");
            }
        }

        void add(JsonNode value, long position, SourceMap map) {
            if (object()) {
                if (pendingRepeated) {
                    return;
                }
                ((ObjectNode) node).set(pendingName, value);
                names.add(pendingName);
                keyPositions.add(pendingKeyPosition);
            } else {
                ((ArrayNode) node).add(value);
            }
            if (map != null && children == null) {
                children = new ArrayList<>(Arrays.asList(new SourceMap[valuePositions.size()]));
            }
            if (children != null) {
                children.add(map);
            }
            valuePositions.add(position);
        }

        SourceMap toMap() {
            return new SourceMap(start,
                    names == null ? null : names.toArray(String[]::new),
                    keyPositions == null ? null : keyPositions.toArray(),
                    valuePositions.toArray(),
                    children == null ? null : children.toArray(SourceMap[]::new));
        }

        /** The dotted path of this frame's object, ending with a dot unless it is the root. */
        private static String path(Deque<Frame> open) {
            StringBuilder path = new StringBuilder();
            Iterator<Frame> fromRoot = open.descendingIterator();
            while (fromRoot.hasNext()) {
                String segment = fromRoot.next().segment;
                if (!segment.isEmpty() && !segment.startsWith("[") && path.length() > 0) {
                    path.append('.');
                }
                path.append(segment);
            }
            return path.length() == 0 ? "" : path.append('.').toString();
        }
    }

    /** A growable array of primitive longs. */
    private static final class LongList {
        private long[] values = new long[4];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        long get(int index) {
            return values[index];
        }

        int size() {
            return size;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
