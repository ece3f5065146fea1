package io.dagflow.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one JSON mapper configuration of the project. Messages, events and stored records are
 * written in snake_case so that workers in other languages can read them (see docs/protocol.md).
 */
public final class Json {

    /** Deepest nesting of objects and lists, in every JSON read or written. */
    public static final int MAX_NESTING_DEPTH = 1000;
    /** Longest string value, in characters. */
    public static final int MAX_STRING_LENGTH = 20_000_000;
    /** Longest number, in characters (digits, sign, point and exponent). */
    public static final int MAX_NUMBER_LENGTH = 1000;
    /** Longest field name, in characters. */
    public static final int MAX_NAME_LENGTH = 50_000;

    /**
     * Every reader (definitions, inputs files, results, stream messages, stored records) shares
     * these limits, so what one part of the engine wrote another can read; they are written down
     * in docs/workflow-format.md and stay put when the parser library changes its defaults.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxStringLength(MAX_STRING_LENGTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .maxNameLength(MAX_NAME_LENGTH)
                    .build())
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
            .build();

    private static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY)
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(JsonParser.Feature.ALLOW_COMMENTS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String pretty(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> T read(String text, Class<T> type) {
        try {
            return MAPPER.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode tree(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses a whole text as one JSON value (comments allowed); empty text gives a missing node.
     *
     * @throws UnreadableTextException saying where and why, in words about the text
     */
    public static JsonNode parse(String text) throws UnreadableTextException {
        return parse(text, JsonNode.class);
    }

    /**
     * Parses a whole text as one JSON value of {@code type}; a field of the wrong type is reported
     * by its name and the type it needs. Empty text gives null ({@link #parse(String)}: a missing node).
     *
     * @throws UnreadableTextException saying where and why, in words about the text
     */
    public static <T> T parse(String text, Class<T> type) throws UnreadableTextException {
        try (JsonParser parser = MAPPER.createParser(text)) {
            try {
                T value = parser.nextToken() == null
                        ? type == JsonNode.class ? type.cast(MAPPER.missingNode()) : null
                        : MAPPER.readValue(parser, type);
                if (parser.nextToken() != null) {
                    throw JsonErrors.at(parser.currentTokenLocation(), "malformed JSON: unexpected content after"
                            + " the end of the value");
                }
                return value;
            } catch (JsonProcessingException e) {
                throw malformed(e, text, parser);
            }
        } catch (UnreadableTextException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("reading from a string cannot fail this way", e);
        }
    }

    /**
     * What a parser's failure on {@code source} means for whoever wrote it: where, and the rule or
     * limit broken, with none of the parser's own vocabulary.
     *
     * @param parser the parser that failed, which knows where it stopped when the failure does not
     */
    public static UnreadableTextException malformed(JsonProcessingException failure, String source, JsonParser parser) {
        return JsonErrors.describe(failure, source, parser);
    }

    public static JsonNode toTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    public static <T> T convert(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
