package io.dagflow.validation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.json.Json;
import io.dagflow.model.RetryPolicy;
import io.dagflow.template.TemplateReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a definition straight from Jackson's token stream into drafts, reporting every unknown
 * field, wrong type and out-of-range value where it is written. Only node configs become JSON
 * trees: a 100,000-node file is read without building and keeping a tree of all of it. The
 * graph-wide rules (ids, dependencies, cycles, templates) are checked afterwards, on the drafts.
 */
final class DefinitionReader {

    private static final JsonFactory FACTORY = Json.mapper().getFactory();
    /** About 31 years: any longer is a mistake, and durations this long still fit in nanoseconds. */
    private static final double MAX_SECONDS = 1e9;
    private static final int SHORT_LIST = 8;
    private static final List<String> STRATEGIES = List.of("fixed", "exponential");
    /** Jackson names its input in messages; the problem already says which file and where. */
    private static final Pattern SOURCE_REFERENCE =
            Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)]");

    private final Problems problems;
    private final Set<String> knownHandlers;
    private Tokens tokens;
    private ConfigReader configs;

    /** Where a problem goes: straight to the file's list, or held by a node until its id is known. */
    @FunctionalInterface
    private interface Reporter {
        void report(long at, String field, String message);
    }

    /** Reads the value of one accepted field; the value's first token is current. */
    @FunctionalInterface
    private interface FieldReader {
        void read(String name) throws IOException;
    }

    /** @param knownHandlers the handler names a node may use, or null to accept any */
    DefinitionReader(Problems problems, Set<String> knownHandlers) {
        this.problems = problems;
        this.knownHandlers = knownHandlers;
    }

    /**
     * The workflow as far as it could be read, or null when the text is not a JSON object. Text
     * that is not JSON at all gets one problem, where the parser stopped: what was read before
     * it is left unreported, as the rest of the file could not be checked against it.
     */
    DraftWorkflow read(String json) {
        JsonParser opened = null;
        try (JsonParser parser = FACTORY.createParser(json)) {
            opened = parser;
            tokens = new Tokens(parser);
            configs = new ConfigReader(tokens);
            return readDefinition();
        } catch (JsonProcessingException e) {
            // limits (nesting depth, number length) come without a location: take the parser's
            JsonLocation where = e.getLocation() != null || opened == null
                    ? e.getLocation()
                    : opened.currentLocation();
            problems.clear();
            problems.add(Position.of(where), null, null, "malformed JSON: " + describe(e));
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("reading from a string cannot fail this way", e);
        }
    }

    private DraftWorkflow readDefinition() throws IOException {
        JsonToken first = tokens.next();
        if (first == null) {
            problems.add(Position.UNKNOWN, null, null, "the file is empty; expected a workflow definition object");
            return null;
        }
        DraftWorkflow workflow = null;
        if (first != JsonToken.START_OBJECT) {
            problems.add(tokens.position(), null, null,
                    "a workflow definition must be a JSON object, not " + tokens.describeAndSkip());
        } else {
            workflow = new DraftWorkflow();
            readWorkflow(workflow);
        }
        if (tokens.next() != null) {
            problems.add(tokens.position(), null, null, "unexpected content after the end of the workflow definition");
        }
        return workflow;
    }

    private void readWorkflow(DraftWorkflow workflow) throws IOException {
        Reporter toFile = this::reportToFile;
        long start = tokens.position();
        Written written = fields(FieldSet.WORKFLOW, toFile, null, name -> {
            switch (name) {
                case "name" -> workflow.name = text(toFile, "name", false);
                case "description" -> text(toFile, "description", true);
                case "defaults" -> readDefaults(workflow);
                case "dag" -> readDag(workflow);
                default -> throw new IllegalStateException(name);
            }
        });
        written.require("name", start, toFile, "name", "is required: every workflow needs a name");
        written.require("dag", start, toFile, "dag", "is required: expected \"dag\": {\"nodes\": [...]}");
    }

    private void readDefaults(DraftWorkflow workflow) throws IOException {
        Reporter toFile = this::reportToFile;
        if (!isObject(toFile, "defaults")) {
            return;
        }
        fields(FieldSet.DEFAULTS, toFile, "defaults", name -> {
            switch (name) {
                case "retry_policy" -> workflow.defaultRetry = readRetryPolicy(toFile, "defaults.retry_policy");
                case "timeout_seconds" -> workflow.defaultTimeout = seconds(toFile, "defaults.timeout_seconds", false);
                case "queue" -> workflow.defaultQueue = text(toFile, "defaults.queue", false);
                default -> throw new IllegalStateException(name);
            }
        });
    }

    private void readDag(DraftWorkflow workflow) throws IOException {
        Reporter toFile = this::reportToFile;
        if (!isObject(toFile, "dag")) {
            return;
        }
        long start = tokens.position();
        Written written = fields(FieldSet.DAG, toFile, "dag", name -> readNodes(workflow));
        written.require("nodes", start, toFile, "dag.nodes", "is required: the list of the workflow's nodes");
    }

    private void readNodes(DraftWorkflow workflow) throws IOException {
        long at = tokens.position();
        if (tokens.current() != JsonToken.START_ARRAY) {
            reportToFile(at, "dag.nodes", "must be a list of nodes, not " + tokens.describeAndSkip());
            return;
        }
        int index = 0;
        while (tokens.next() != JsonToken.END_ARRAY) {
            readNode(index++, workflow);
        }
        if (index == 0) {
            reportToFile(at, "dag.nodes", "is empty: a workflow needs at least one node");
        }
    }

    private void readNode(int index, DraftWorkflow workflow) throws IOException {
        if (tokens.current() != JsonToken.START_OBJECT) {
            reportToFile(tokens.position(), "dag.nodes[" + index + "]",
                    "a node must be an object, not " + tokens.describeAndSkip());
            return;
        }
        NodeDraft node = new NodeDraft(index, tokens.position());
        workflow.nodes.add(node);
        Reporter toNode = node::report;
        Written written = fields(FieldSet.NODE, toNode, null, name -> {
            switch (name) {
                case "id" -> readId(node);
                case "handler" -> node.handler = handler(node);
                case "description" -> text(toNode, name, true);
                case "dependencies" -> readDependencies(node);
                case "config" -> {
                    if (isObject(toNode, name)) {
                        node.config = configs.read(node);
                    }
                }
                case "retry_policy" -> node.retry = readRetryPolicy(toNode, name);
                case "timeout_seconds" -> node.timeout = seconds(toNode, name, false);
                case "queue" -> node.queue = text(toNode, name, false);
                default -> throw new IllegalStateException(name);
            }
        });
        written.require("id", node.position, toNode, "id", "is required: every node needs a unique id");
        written.require("handler", node.position, toNode, "handler",
                "is required: the type of work the node does, e.g. \"http\"");
        node.reportTo(problems);
    }

    private void readId(NodeDraft node) throws IOException {
        long at = tokens.position();
        String id = text(node::report, "id", false);
        if (id == null) {
            return;
        }
        node.id = id;
        node.idPosition = at;
        if (id.equals(TemplateReference.WORKFLOW)) {
            node.report(at, "id", "'workflow' is reserved: templates use {{workflow.*}} for the execution's id, name"
                    + " and inputs");
        } else if (!isAddressable(id)) {
            node.report(at, "id", "may contain only ASCII letters, digits, '_' and '-', because templates address a"
                    + " node's result as {{id.path}}");
        }
    }

    /**
     * Whether templates can name the node: they address results as {@code {{id.path}}}, so an id
     * has no dots, brackets, braces or spaces. ASCII only, as in the JSON Schema, whose patterns
     * not every validator reads with Unicode classes.
     */
    private static boolean isAddressable(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean letterOrDigit = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
            if (!letterOrDigit && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private String handler(NodeDraft node) throws IOException {
        long at = tokens.position();
        String handler = text(node::report, "handler", false);
        if (handler != null && knownHandlers != null && !knownHandlers.contains(handler)) {
            String meant = Suggestions.closest(handler, knownHandlers);
            node.report(at, "handler", "unknown handler '" + handler + "'" + (meant != null
                    ? ", did you mean '" + meant + "'?"
                    : "; known handlers: " + String.join(", ", knownHandlers)));
        }
        return handler;
    }

    private void readDependencies(NodeDraft node) throws IOException {
        if (tokens.current() != JsonToken.START_ARRAY) {
            node.report(tokens.position(), "dependencies", "must be a list of node ids, not " + tokens.describeAndSkip());
            return;
        }
        Set<String> listed = null;
        while (tokens.next() != JsonToken.END_ARRAY) {
            long at = tokens.position();
            if (!tokens.isString()) {
                node.report(at, "dependencies", "must list node ids (strings), not " + tokens.describeAndSkip());
                continue;
            }
            String dependency = tokens.text();
            if (listed == null && node.dependencies.size() == SHORT_LIST) {
                listed = new HashSet<>(node.dependencies);
            }
            if (dependency.isEmpty()) {
                node.report(at, "dependencies", "lists an empty node id");
            } else if (listed != null ? !listed.add(dependency) : node.dependencies.contains(dependency)) {
                node.report(at, "dependencies", "lists '" + dependency + "' twice");
            } else {
                node.addDependency(dependency, at);
            }
        }
    }

    private RetrySettings readRetryPolicy(Reporter reporter, String field) throws IOException {
        if (!isObject(reporter, field)) {
            return RetrySettings.NONE;
        }
        RetrySettings.Builder read = new RetrySettings.Builder();
        long[] maxBackoffAt = {Position.UNKNOWN};
        fields(FieldSet.RETRY_POLICY, reporter, field, name -> {
            String member = field + "." + name;
            switch (name) {
                case "max_attempts" -> read.maxAttempts = attempts(reporter, member);
                case "initial_backoff_seconds" -> read.initialBackoff = seconds(reporter, member, true);
                case "backoff_multiplier" -> read.backoffMultiplier = number(reporter, member, 1, 1000,
                        "at least 1 (a multiplier below 1 would shrink the wait between attempts)");
                case "max_backoff_seconds" -> {
                    maxBackoffAt[0] = tokens.position();
                    read.maxBackoff = seconds(reporter, member, true);
                }
                case "strategy" -> read.strategy = strategy(reporter, member);
                case "jitter" -> read.jitter = number(reporter, member, 0, 1, "between 0 and 1");
                default -> throw new IllegalStateException(name);
            }
        });
        RetrySettings settings = read.build();
        if (settings.initialBackoff() != null && settings.maxBackoff() != null && !settings.maxBackoff().isZero()
                && settings.maxBackoff().compareTo(settings.initialBackoff()) < 0) {
            reporter.report(maxBackoffAt[0], field + ".max_backoff_seconds",
                    "is less than initial_backoff_seconds, so no wait could ever be as long as the first");
        }
        return settings;
    }

    private Integer attempts(Reporter reporter, String field) throws IOException {
        long at = tokens.position();
        if (!tokens.isNumber()) {
            reporter.report(at, field, "must be a whole number, not " + tokens.describeAndSkip());
            return null;
        }
        JsonNode value = tokens.scalar();
        if (!value.canConvertToExactIntegral()) {
            reporter.report(at, field, "must be a whole number, not " + value.asText());
            return null;
        }
        if (!value.canConvertToInt() || value.intValue() < 1) {
            reporter.report(at, field, "must be at least 1 (1 means no retry), was " + value.asText());
            return null;
        }
        return value.intValue();
    }

    private RetryPolicy.Strategy strategy(Reporter reporter, String field) throws IOException {
        long at = tokens.position();
        String written = text(reporter, field, false);
        if (written == null) {
            return null;
        }
        if (!STRATEGIES.contains(written)) {
            String meant = Suggestions.closest(written, STRATEGIES);
            reporter.report(at, field, "unknown strategy '" + written + "'"
                    + (meant != null ? ", did you mean '" + meant + "'?" : "; use \"fixed\" or \"exponential\""));
            return null;
        }
        return RetryPolicy.Strategy.valueOf(written.toUpperCase(Locale.ROOT));
    }

    private Duration seconds(Reporter reporter, String field, boolean zeroAllowed) throws IOException {
        long at = tokens.position();
        Double seconds = number(reporter, field, 0, MAX_SECONDS,
                (zeroAllowed ? "at least 0" : "greater than 0") + " and at most " + (long) MAX_SECONDS);
        if (seconds == null) {
            return null;
        }
        if (!zeroAllowed && seconds == 0) {
            reporter.report(at, field, "must be greater than 0, was 0");
            return null;
        }
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }

    private Double number(Reporter reporter, String field, double min, double max, String range)
            throws IOException {
        long at = tokens.position();
        if (!tokens.isNumber()) {
            reporter.report(at, field, "must be a number, not " + tokens.describeAndSkip());
            return null;
        }
        JsonNode value = tokens.scalar();
        double number = value.doubleValue();
        if (!(number >= min && number <= max)) {
            reporter.report(at, field, "must be " + range + ", was " + value.asText());
            return null;
        }
        return number;
    }

    /** The text of a string value, or null (reported) when it is not a string or is blank. */
    private String text(Reporter reporter, String field, boolean blankAllowed) throws IOException {
        if (!tokens.isString()) {
            reporter.report(tokens.position(), field, "must be a string, not " + tokens.describeAndSkip());
            return null;
        }
        String text = tokens.text();
        if (!blankAllowed && text.isBlank()) {
            reporter.report(tokens.position(), field, "must not be empty");
            return null;
        }
        return text;
    }

    /** Whether the current value is an object; reports and skips it otherwise. */
    private boolean isObject(Reporter reporter, String field) throws IOException {
        if (tokens.current() != JsonToken.START_OBJECT) {
            reporter.report(tokens.position(), field, "must be an object, not " + tokens.describeAndSkip());
            return false;
        }
        return true;
    }

    /**
     * Reads the fields of the object whose opening brace is current, up to its closing brace:
     * each accepted field's value goes to {@code reader}; unknown and repeated fields are
     * reported (with {@code owner}, the object's own field name) and skipped.
     */
    private Written fields(FieldSet accepted, Reporter reporter, String owner, FieldReader reader)
            throws IOException {
        Written written = new Written(accepted);
        while (tokens.next() == JsonToken.FIELD_NAME) {
            String name = tokens.name();
            long at = tokens.position();
            tokens.next();
            int known = accepted.names().indexOf(name);
            if (known < 0) {
                reporter.report(at, owner, accepted.unknownFieldMessage(name));
                tokens.skipValue();
            } else if (written.firstAt[known] != Position.UNKNOWN) {
                reporter.report(at, owner == null ? name : owner + "." + name, "is written twice (first at "
                        + Position.describe(written.firstAt[known]) + "); JSON keeps only one, so remove the other");
                tokens.skipValue();
            } else {
                written.firstAt[known] = at;
                reader.read(name);
            }
        }
        return written;
    }

    /** Where each accepted field of one object was first written. */
    private static final class Written {
        private final FieldSet accepted;
        private final long[] firstAt;

        Written(FieldSet accepted) {
            this.accepted = accepted;
            this.firstAt = new long[accepted.names().size()];
        }

        /** Reports a required field that was not written, at the object's opening brace. */
        void require(String name, long objectStart, Reporter reporter, String field, String message) {
            if (firstAt[accepted.names().indexOf(name)] == Position.UNKNOWN) {
                reporter.report(objectStart, field, message);
            }
        }
    }

    private void reportToFile(long at, String field, String message) {
        problems.add(at, null, field, message);
    }

    private static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        message = SOURCE_REFERENCE.matcher(message).replaceAll("line $1, column $2");
        int lineBreak = message.indexOf('\n');
        return lineBreak < 0 ? message : message.substring(0, lineBreak);
    }
}
