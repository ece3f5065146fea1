package io.dagflow.handler.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dagflow.handler.HandlerException;
import io.dagflow.handler.TaskContext;
import io.dagflow.json.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Typed, checked access to a node's resolved config. Every problem becomes a permanent
 * {@link HandlerException} naming the handler type, the node and the field, because a retry
 * cannot repair a definition.
 */
final class NodeConfig {

    private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(Long.MAX_VALUE / 1_000_000_000L);

    private final String type;
    private final String nodeId;
    private final JsonNode config;

    private NodeConfig(String type, String nodeId, JsonNode config) {
        this.type = type;
        this.nodeId = nodeId;
        this.config = config;
    }

    static NodeConfig of(String type, TaskContext context) throws HandlerException {
        JsonNode config = context.config();
        NodeConfig nodeConfig = new NodeConfig(type, context.nodeId(), config);
        if (config != null && !config.isNull() && !config.isMissingNode() && !config.isObject()) {
            throw nodeConfig.invalid("config must be an object, got " + describe(config));
        }
        return nodeConfig;
    }

    /** The whole config; an empty object when the node has none. */
    ObjectNode all() {
        return config instanceof ObjectNode object ? object : Json.object();
    }

    boolean isEmpty() {
        return all().isEmpty();
    }

    /** The field's value, absent when missing or JSON null. */
    Optional<JsonNode> value(String field) {
        JsonNode value = all().get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    String requiredText(String field) throws HandlerException {
        Optional<String> text = optionalText(field);
        if (text.isEmpty()) {
            throw missing(field);
        }
        return text.get();
    }

    Optional<String> optionalText(String field) throws HandlerException {
        Optional<JsonNode> value = value(field);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!value.get().isTextual()) {
            throw invalidField(field, "must be a string, got " + describe(value.get()));
        }
        return Optional.of(value.get().textValue());
    }

    boolean optionalBoolean(String field, boolean defaultValue) throws HandlerException {
        Optional<JsonNode> value = value(field);
        if (value.isEmpty()) {
            return defaultValue;
        }
        if (!value.get().isBoolean()) {
            throw invalidField(field, "must be true or false, got " + describe(value.get()));
        }
        return value.get().booleanValue();
    }

    /** A number, or a string holding one (templates embedded in text resolve to strings). */
    Optional<BigDecimal> optionalNumber(String field) throws HandlerException {
        Optional<JsonNode> value = value(field);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        JsonNode node = value.get();
        if (node.isNumber()) {
            return Optional.of(node.decimalValue());
        }
        if (node.isTextual()) {
            try {
                return Optional.of(new BigDecimal(node.textValue().trim()));
            } catch (NumberFormatException e) {
                throw invalidField(field, "must be a number, got \"" + node.textValue() + "\"");
            }
        }
        throw invalidField(field, "must be a number, got " + describe(node));
    }

    /** A non-negative number of seconds, possibly fractional. */
    Optional<Duration> optionalSeconds(String field) throws HandlerException {
        Optional<BigDecimal> seconds = optionalNumber(field);
        if (seconds.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal value = seconds.get();
        if (value.signum() < 0) {
            throw invalidField(field, "must not be negative, got " + value.toPlainString());
        }
        if (value.compareTo(MAX_SECONDS) > 0) {
            throw invalidField(field, "is too large: " + value.toPlainString());
        }
        long nanos = value.movePointRight(9).setScale(0, RoundingMode.CEILING).longValueExact();
        return Optional.of(Duration.ofNanos(nanos));
    }

    /** A positive whole number that fits an int. */
    Optional<Integer> optionalPositiveInt(String field) throws HandlerException {
        Optional<BigDecimal> number = optionalNumber(field);
        if (number.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal value = number.get();
        try {
            int whole = value.intValueExact();
            if (whole <= 0) {
                throw invalidField(field, "must be a positive whole number, got " + value.toPlainString());
            }
            return Optional.of(whole);
        } catch (ArithmeticException e) {
            throw invalidField(field, "must be a positive whole number up to " + Integer.MAX_VALUE
                    + ", got " + value.toPlainString());
        }
    }

    Optional<ObjectNode> optionalObject(String field) throws HandlerException {
        Optional<JsonNode> value = value(field);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!value.get().isObject()) {
            throw invalidField(field, "must be an object, got " + describe(value.get()));
        }
        return Optional.of((ObjectNode) value.get());
    }

    Optional<List<JsonNode>> optionalList(String field) throws HandlerException {
        Optional<JsonNode> value = value(field);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!value.get().isArray()) {
            throw invalidField(field, "must be a list, got " + describe(value.get()));
        }
        List<JsonNode> elements = new ArrayList<>();
        value.get().forEach(elements::add);
        return Optional.of(elements);
    }

    /**
     * A scalar rendered as text: strings as they are, numbers and booleans as written.
     * {@code where} names the element for the error message, e.g. {@code args[2]}.
     */
    String scalarText(JsonNode value, String where) throws HandlerException {
        if (value == null || value.isNull()) {
            throw invalidField(where, "must not be null");
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isNumber() || value.isBoolean()) {
            return value.asText();
        }
        throw invalidField(where, "must be a string, number or boolean, got " + describe(value));
    }

    HandlerException missing(String field) {
        return invalid("config field '" + field + "' is required");
    }

    HandlerException invalidField(String field, String problem) {
        return invalid("config field '" + field + "' " + problem);
    }

    HandlerException invalid(String problem) {
        return HandlerException.permanent(type + " node '" + nodeId + "': " + problem);
    }

    static String describe(JsonNode value) {
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isTextual()) {
            return "a string";
        }
        if (value.isBoolean()) {
            return "a boolean";
        }
        if (value.isNumber()) {
            return "a number";
        }
        return value.getNodeType().toString().toLowerCase(Locale.ROOT);
    }
}
