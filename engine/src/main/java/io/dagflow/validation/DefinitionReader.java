package io.dagflow.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dagflow.json.Json;
import io.dagflow.model.RetryPolicy;
import io.dagflow.template.TemplateReference;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the fields of a definition into drafts, reporting every unknown field, wrong type and
 * out-of-range value. Graph-wide rules (ids, dependencies, cycles, templates) come later.
 */
final class DefinitionReader {

    /** About 31 years: any longer is a mistake, and durations this long still fit in nanoseconds. */
    private static final double MAX_SECONDS = 1e9;
    private static final int LONGEST_QUOTED_VALUE = 40;
    private static final int SMALL_LIST = 8;

    private final Problems problems;
    private final Set<String> knownHandlers;

    /** @param knownHandlers the handler names a node may use, or null to accept any */
    DefinitionReader(Problems problems, Set<String> knownHandlers) {
        this.problems = problems;
        this.knownHandlers = knownHandlers;
    }

    /** The workflow as far as it could be read, or null when the file holds no JSON object. */
    DraftWorkflow read(LocatedJson json) {
        JsonNode root = json.root();
        if (root == null) {
            return null;
        }
        if (!root.isObject()) {
            problems.add(json.rootPosition(), null, null,
                    "a workflow definition must be a JSON object, not " + describe(root));
            return null;
        }
        DraftWorkflow workflow = new DraftWorkflow();
        SourceMap map = json.rootMap();
        for (int i = 0; i < map.size(); i++) {
            String name = map.name(i);
            JsonNode value = map.value(i);
            long at = map.valuePosition(i);
            switch (name) {
                case "name" -> workflow.name = text(value, at, null, "name", false);
                case "description" -> text(value, at, null, "description", true);
                case "defaults" -> readDefaults(value, at, map.child(i), workflow);
                case "dag" -> readDag(value, at, map.child(i), workflow);
                default -> problems.add(map.keyPosition(i), null, null, FieldSet.WORKFLOW.unknownFieldMessage(name));
            }
        }
        requirePresent(map, "name", null, "name", "is required: every workflow needs a name");
        requirePresent(map, "dag", null, "dag", "is required: expected \"dag\": {\"nodes\": [...]}");
        return workflow;
    }

    private void readDefaults(JsonNode value, long at, SourceMap map, DraftWorkflow workflow) {
        if (!isObject(value, at, null, "defaults")) {
            return;
        }
        for (int i = 0; i < map.size(); i++) {
            String name = map.name(i);
            JsonNode member = map.value(i);
            long memberAt = map.valuePosition(i);
            switch (name) {
                case "retry_policy" -> workflow.defaultRetry =
                        readRetryPolicy(member, memberAt, map.child(i), null, "defaults.retry_policy");
                case "timeout_seconds" -> workflow.defaultTimeout =
                        seconds(member, memberAt, null, "defaults.timeout_seconds", false);
                case "queue" -> workflow.defaultQueue = text(member, memberAt, null, "defaults.queue", false);
                default -> problems.add(map.keyPosition(i), null, "defaults", FieldSet.DEFAULTS.unknownFieldMessage(name));
            }
        }
    }

    private void readDag(JsonNode value, long at, SourceMap map, DraftWorkflow workflow) {
        if (!isObject(value, at, null, "dag")) {
            return;
        }
        for (int i = 0; i < map.size(); i++) {
            String name = map.name(i);
            if (name.equals("nodes")) {
                readNodes(map.value(i), map.valuePosition(i), map.child(i), workflow);
            } else {
                problems.add(map.keyPosition(i), null, "dag", FieldSet.DAG.unknownFieldMessage(name));
            }
        }
        requirePresent(map, "nodes", null, "dag.nodes", "is required: the list of the workflow's nodes");
    }

    private void readNodes(JsonNode value, long at, SourceMap map, DraftWorkflow workflow) {
        if (!value.isArray()) {
            problems.add(at, null, "dag.nodes", "must be a list of nodes, not " + describe(value));
            return;
        }
        if (value.isEmpty()) {
            problems.add(at, null, "dag.nodes", "is empty: a workflow needs at least one node");
        }
        for (int i = 0; i < map.size(); i++) {
            readNode(map.value(i), map.valuePosition(i), map.child(i), i, workflow);
        }
    }

    private void readNode(JsonNode value, long at, SourceMap map, int index, DraftWorkflow workflow) {
        if (!value.isObject()) {
            problems.add(at, null, "dag.nodes[" + index + "]", "a node must be an object, not " + describe(value));
            return;
        }
        NodeDraft node = new NodeDraft(index, map.start());
        workflow.nodes.add(node);
        readId(node, value, map);
        for (int i = 0; i < map.size(); i++) {
            String name = map.name(i);
            JsonNode member = map.value(i);
            long memberAt = map.valuePosition(i);
            switch (name) {
                case "id" -> {
                    // read first, so that problems with the other fields can name the node
                }
                case "handler" -> node.handler = handler(member, memberAt, node);
                case "description" -> text(member, memberAt, node.nodeId(), node.field(name), true);
                case "dependencies" -> readDependencies(member, memberAt, map.child(i), node);
                case "config" -> {
                    if (isObject(member, memberAt, node.nodeId(), node.field(name))) {
                        node.config = (ObjectNode) member;
                        node.configMap = map.child(i);
                    }
                }
                case "retry_policy" -> node.retry =
                        readRetryPolicy(member, memberAt, map.child(i), node.nodeId(), node.field(name));
                case "timeout_seconds" -> node.timeout = seconds(member, memberAt, node.nodeId(), node.field(name), false);
                case "queue" -> node.queue = text(member, memberAt, node.nodeId(), node.field(name), false);
                default -> problems.add(map.keyPosition(i), node.nodeId(), node.field(null),
                        FieldSet.NODE.unknownFieldMessage(name));
            }
        }
        requirePresent(map, "handler", node.nodeId(), node.field("handler"),
                "is required: the type of work the node does, e.g. \"http\"");
    }

    private void readId(NodeDraft node, JsonNode value, SourceMap map) {
        int index = map.indexOf("id");
        if (index < 0) {
            problems.add(map.start(), null, node.field("id"), "is required: every node needs a unique id");
            return;
        }
        long at = map.valuePosition(index);
        String id = text(map.value(index), at, null, node.field("id"), false);
        if (id == null) {
            return;
        }
        node.id = id;
        node.idPosition = at;
        if (id.equals(TemplateReference.WORKFLOW)) {
            problems.add(at, id, "id", "'workflow' is reserved: templates use {{workflow.*}} for the "
                    + "execution's id, name and inputs");
        } else if (!isAddressable(id)) {
            problems.add(at, id, "id", "may contain only letters, digits, '_' and '-', because templates "
                    + "address a node's result as {{id.path}}");
        }
    }

    /**
     * Whether templates can name the node: they address results as {@code {{id.path}}}, so an id
     * is letters, digits, '_' and '-' only, no dots, brackets, braces or spaces.
     */
    private static boolean isAddressable(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private String handler(JsonNode value, long at, NodeDraft node) {
        String handler = text(value, at, node.nodeId(), node.field("handler"), false);
        if (handler != null && knownHandlers != null && !knownHandlers.contains(handler)) {
            String meant = Suggestions.closest(handler, knownHandlers);
            problems.add(at, node.nodeId(), node.field("handler"), "unknown handler '" + handler + "'"
                    + (meant != null ? ", did you mean '" + meant + "'?"
                            : "; known handlers: " + String.join(", ", knownHandlers)));
        }
        return handler;
    }

    private void readDependencies(JsonNode value, long at, SourceMap map, NodeDraft node) {
        String field = node.field("dependencies");
        if (!value.isArray()) {
            problems.add(at, node.nodeId(), field, "must be a list of node ids, not " + describe(value));
            return;
        }
        long[] positions = new long[value.size()];
        Set<String> listed = value.size() > SMALL_LIST ? new HashSet<>(value.size() * 2) : null;
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = map.value(i);
            long elementAt = map.valuePosition(i);
            if (!element.isTextual()) {
                problems.add(elementAt, node.nodeId(), field, "must list node ids (strings), not " + describe(element));
                continue;
            }
            String dependency = element.textValue();
            if (dependency.isEmpty()) {
                problems.add(elementAt, node.nodeId(), field, "lists an empty node id");
            } else if (dependency.equals(node.id)) {
                problems.add(elementAt, node.nodeId(), field, "the node depends on itself");
            } else if (listed != null ? !listed.add(dependency) : node.dependencies.contains(dependency)) {
                problems.add(elementAt, node.nodeId(), field, "lists '" + dependency + "' twice");
            } else {
                positions[node.dependencies.size()] = elementAt;
                node.dependencies.add(dependency);
            }
        }
        node.dependencyPositions = Arrays.copyOf(positions, node.dependencies.size());
    }

    private RetrySettings readRetryPolicy(JsonNode value, long at, SourceMap map, String nodeId, String field) {
        if (!isObject(value, at, nodeId, field)) {
            return RetrySettings.NONE;
        }
        Integer maxAttempts = null;
        Duration initialBackoff = null;
        Double multiplier = null;
        Duration maxBackoff = null;
        RetryPolicy.Strategy strategy = null;
        Double jitter = null;
        for (int i = 0; i < map.size(); i++) {
            String name = map.name(i);
            JsonNode member = map.value(i);
            long memberAt = map.valuePosition(i);
            String memberField = field + "." + name;
            switch (name) {
                case "max_attempts" -> maxAttempts = attempts(member, memberAt, nodeId, memberField);
                case "initial_backoff_seconds" -> initialBackoff = seconds(member, memberAt, nodeId, memberField, true);
                case "backoff_multiplier" -> multiplier = number(member, memberAt, nodeId, memberField, 1, 1000,
                        "at least 1 (a multiplier below 1 would shrink the wait between attempts)");
                case "max_backoff_seconds" -> maxBackoff = seconds(member, memberAt, nodeId, memberField, true);
                case "strategy" -> strategy = strategy(member, memberAt, nodeId, memberField);
                case "jitter" -> jitter = number(member, memberAt, nodeId, memberField, 0, 1, "between 0 and 1");
                default -> problems.add(map.keyPosition(i), nodeId, field, FieldSet.RETRY_POLICY.unknownFieldMessage(name));
            }
        }
        if (initialBackoff != null && maxBackoff != null && !maxBackoff.isZero()
                && maxBackoff.compareTo(initialBackoff) < 0) {
            problems.add(map.valuePosition(map.indexOf("max_backoff_seconds")), nodeId, field + ".max_backoff_seconds",
                    "is less than initial_backoff_seconds, so no wait could ever be as long as the first");
        }
        return new RetrySettings(maxAttempts, initialBackoff, multiplier, maxBackoff, strategy, jitter);
    }

    private Integer attempts(JsonNode value, long at, String nodeId, String field) {
        if (!value.isNumber()) {
            problems.add(at, nodeId, field, "must be a whole number, not " + describe(value));
            return null;
        }
        if (!value.canConvertToExactIntegral()) {
            problems.add(at, nodeId, field, "must be a whole number, not " + value.asText());
            return null;
        }
        if (!value.canConvertToInt() || value.intValue() < 1) {
            problems.add(at, nodeId, field, "must be at least 1 (1 means no retry), was " + value.asText());
            return null;
        }
        return value.intValue();
    }

    private RetryPolicy.Strategy strategy(JsonNode value, long at, String nodeId, String field) {
        String written = text(value, at, nodeId, field, false);
        if (written == null) {
            return null;
        }
        List<String> strategies = List.of("fixed", "exponential");
        if (!strategies.contains(written)) {
            String meant = Suggestions.closest(written, strategies);
            problems.add(at, nodeId, field, "unknown strategy '" + written + "'"
                    + (meant != null ? ", did you mean '" + meant + "'?" : "; use \"fixed\" or \"exponential\""));
            return null;
        }
        return RetryPolicy.Strategy.valueOf(written.toUpperCase(Locale.ROOT));
    }

    private Duration seconds(JsonNode value, long at, String nodeId, String field, boolean zeroAllowed) {
        Double seconds = number(value, at, nodeId, field, 0, MAX_SECONDS,
                (zeroAllowed ? "at least 0" : "greater than 0") + " and at most " + (long) MAX_SECONDS);
        if (seconds == null) {
            return null;
        }
        if (!zeroAllowed && seconds == 0) {
            problems.add(at, nodeId, field, "must be greater than 0, was 0");
            return null;
        }
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }

    private Double number(JsonNode value, long at, String nodeId, String field, double min, double max,
            String range) {
        if (!value.isNumber()) {
            problems.add(at, nodeId, field, "must be a number, not " + describe(value));
            return null;
        }
        double number = value.doubleValue();
        if (!(number >= min && number <= max)) {
            problems.add(at, nodeId, field, "must be " + range + ", was " + value.asText());
            return null;
        }
        return number;
    }

    /** The text of a string value, or null (reported) when it is not a string or is blank. */
    private String text(JsonNode value, long at, String nodeId, String field, boolean blankAllowed) {
        if (!value.isTextual()) {
            problems.add(at, nodeId, field, "must be a string, not " + describe(value));
            return null;
        }
        if (!blankAllowed && value.textValue().isBlank()) {
            problems.add(at, nodeId, field, "must not be empty");
            return null;
        }
        return value.textValue();
    }

    private boolean isObject(JsonNode value, long at, String nodeId, String field) {
        if (!value.isObject()) {
            problems.add(at, nodeId, field, "must be an object, not " + describe(value));
            return false;
        }
        return true;
    }

    private void requirePresent(SourceMap map, String name, String nodeId, String field, String message) {
        if (map.indexOf(name) < 0) {
            problems.add(map.start(), nodeId, field, message);
        }
    }

    /** A value's JSON type for messages, with the value itself when it is short. */
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

    private static String abbreviate(String text) {
        return text.length() <= LONGEST_QUOTED_VALUE ? text : text.substring(0, LONGEST_QUOTED_VALUE - 4) + "...\"";
    }
}
