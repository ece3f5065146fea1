package io.dagflow.validation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.dagflow.json.Json;
import java.io.IOException;
import java.util.Locale;

/**
 * Jackson's token stream with what validation asks of it: where the current token is, its value
 * as a tree node, and a description of it for messages. Positions are looked up only when asked
 * for, since a large definition has millions of tokens and most are never reported.
 */
final class Tokens {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int LONGEST_QUOTED_VALUE = 40;

    private final JsonParser parser;

    Tokens(JsonParser parser) {
        this.parser = parser;
    }

    JsonToken next() throws IOException {
        return parser.nextToken();
    }

    JsonToken current() {
        return parser.currentToken();
    }

    /** Where the current token starts. */
    long position() {
        return Position.of(parser.currentTokenLocation());
    }

    /** The field name, when the current token is one. */
    String name() throws IOException {
        return parser.currentName();
    }

    /** The text of the current string token. */
    String text() throws IOException {
        return parser.getText();
    }

    boolean isString() {
        return parser.currentToken() == JsonToken.VALUE_STRING;
    }

    boolean isNumber() {
        return parser.currentToken() == JsonToken.VALUE_NUMBER_INT
                || parser.currentToken() == JsonToken.VALUE_NUMBER_FLOAT;
    }

    /** The current scalar as the node {@code Json.mapper().readTree} would build for it. */
    JsonNode scalar() throws IOException {
        return switch (parser.currentToken()) {
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
            default -> throw new IllegalStateException("not a scalar: " + parser.currentToken());
        };
    }

    /**
     * The current value's JSON type for messages, with the value itself when it is a short
     * scalar; an object or list is skipped, so that reading continues after it.
     */
    String describeAndSkip() throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            parser.skipChildren();
            return "an object";
        }
        if (token == JsonToken.START_ARRAY) {
            parser.skipChildren();
            return "a list";
        }
        return describe(scalar());
    }

    /** Moves past the current value, children included. */
    void skipValue() throws IOException {
        parser.skipChildren();
    }

    static String describe(JsonNode value) {
        return switch (value.getNodeType()) {
            case STRING -> "a string (" + abbreviate(Json.write(value)) + ")";
            case NUMBER -> "a number (" + value.asText() + ")";
            case BOOLEAN -> value.asText();
            case NULL -> "null";
            case OBJECT -> "an object";
            case ARRAY -> "a list";
            default -> value.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    private static String abbreviate(String quoted) {
        return quoted.length() <= LONGEST_QUOTED_VALUE ? quoted
                : quoted.substring(0, LONGEST_QUOTED_VALUE - 4) + "...\"";
    }
}
