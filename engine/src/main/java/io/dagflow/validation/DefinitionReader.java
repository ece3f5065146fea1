package io.dagflow.validation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.dagflow.json.Json;
import io.dagflow.json.UnreadableTextException;
import io.dagflow.template.TemplateReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads a definition straight from Jackson's token stream into drafts, reporting every unknown
 * field, wrong type and out-of-range value where it is written. Only node configs become JSON
 * trees: a 100,000-node file is read without building and keeping a tree of all of it. The
 * graph-wide rules (ids, dependencies, cycles, templates) are checked afterwards, on the drafts.
 */
final class DefinitionReader {

    private static final JsonFactory FACTORY = Json.mapper().getFactory();
    private static final int SHORT_LIST = 8;

    private final Problems problems;
    private final Set<String> knownHandlers;
    private Tokens tokens;
    private Values values;
    private RetryPolicyReader retryPolicies;
    private ConfigReader configs;

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
        try (JsonParser parser = FACTORY.createParser(json)) {
            tokens = new Tokens(parser);
            values = new Values(tokens);
            retryPolicies = new RetryPolicyReader(tokens, values);
            configs = new ConfigReader(tokens);
            try {
                return readDefinition();
            } catch (JsonProcessingException e) {
                // the parser, still open, knows where it stopped when the failure does not say
                UnreadableTextException malformed = Json.malformed(e, json, parser);
                problems.clear();
                problems.add(Position.of(malformed.line(), malformed.column()), null, null, malformed.reason());
                return null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading from a string cannot fail this way", e);
        }
    }

    private DraftWorkflow readDefinition() throws IOException {
        JsonToken first = tokens.next();
        if (first == null) {
            problems.add(Position.of(1, 1), null, null, "the file is empty; expected a workflow definition object");
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
        Values.Written written = values.fields(FieldSet.WORKFLOW, toFile, null, name -> {
            switch (name) {
                case "name" -> workflow.name = values.text(toFile, "name", false);
                case "description" -> values.text(toFile, "description", true);
                case "deadline_seconds" -> workflow.deadline = values.seconds(toFile, "deadline_seconds", false);
                case "max_parallel" -> workflow.maxParallel = values.positiveCount(toFile, "max_parallel");
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
        if (!values.isObject(toFile, "defaults")) {
            return;
        }
        values.fields(FieldSet.DEFAULTS, toFile, "defaults", name -> {
            switch (name) {
                case "retry_policy" -> workflow.defaultRetry = retryPolicies.read(toFile, "defaults.retry_policy");
                case "timeout_seconds" ->
                        workflow.defaultTimeout = values.seconds(toFile, "defaults.timeout_seconds", false);
                case "queue" -> workflow.defaultQueue = values.text(toFile, "defaults.queue", false);
                case "queue_timeout_seconds" -> workflow.defaultQueueTimeout =
                        values.seconds(toFile, "defaults.queue_timeout_seconds", false);
                default -> throw new IllegalStateException(name);
            }
        });
    }

    private void readDag(DraftWorkflow workflow) throws IOException {
        Reporter toFile = this::reportToFile;
        if (!values.isObject(toFile, "dag")) {
            return;
        }
        long start = tokens.position();
        Values.Written written = values.fields(FieldSet.DAG, toFile, "dag", name -> readNodes(workflow));
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
        Values.Written written = values.fields(FieldSet.NODE, toNode, null, name -> {
            switch (name) {
                case "id" -> readId(node);
                case "handler" -> node.handler = handler(node);
                case "description" -> values.text(toNode, name, true);
                case "dependencies" -> readDependencies(node);
                case "config" -> {
                    if (values.isObject(toNode, name)) {
                        node.config = configs.read(node);
                    }
                }
                case "retry_policy" -> node.retry = retryPolicies.read(toNode, name);
                case "timeout_seconds" -> node.timeout = values.seconds(toNode, name, false);
                case "queue" -> node.queue = values.text(toNode, name, false);
                case "queue_timeout_seconds" -> node.queueTimeout = values.seconds(toNode, name, false);
                case "trigger" -> {
                    long at = tokens.position();
                    node.trigger = NodeConditions.trigger(node, at, values.text(toNode, name, false));
                }
                case "when" -> {
                    long at = tokens.position();
                    node.when = NodeConditions.when(node, at, values.text(toNode, name, false));
                }
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
        String id = values.text(node::report, "id", false);
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
        String handler = values.text(node::report, "handler", false);
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
            node.report(tokens.position(), "dependencies",
                    "must be a list of node ids, not " + tokens.describeAndSkip());
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

    private void reportToFile(long at, String field, String message) {
        problems.add(at, null, field, message);
    }
}
