package io.dagflow.transport;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One attempt of one node, sent by the orchestrator to a worker.
 *
 * @param config the node's config with every template resolved
 * @param dependencies the node's direct dependencies, in definition order, each with the attempt
 *     whose result counts (a handler may read those results from the result store)
 * @param inputs the execution's inputs
 * @param replyTo the orchestrator that waits for the result
 * @param timeoutMillis the attempt's limit (0 for none); the orchestrator enforces it, a worker
 *     uses it only to stop working on an attempt that no longer counts
 * @param secretFields JSON pointers of the config strings that hold {@code {{secrets.NAME}}}
 *     templates, as written: the worker resolves those, and only those, from its own secrets
 */
public record TaskMessage(
        String executionId,
        String workflowName,
        String nodeId,
        int attempt,
        String handler,
        String queue,
        JsonNode config,
        Map<String, Integer> dependencies,
        JsonNode inputs,
        String replyTo,
        long dispatchedAt,
        long timeoutMillis,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
        java.util.List<String> secretFields) {

    public TaskMessage {
        dependencies = dependencies == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(dependencies));
        secretFields = secretFields == null ? java.util.List.of() : java.util.List.copyOf(secretFields);
    }

    /** A task whose config holds no secret. */
    public TaskMessage(String executionId, String workflowName, String nodeId, int attempt, String handler,
            String queue, JsonNode config, Map<String, Integer> dependencies, JsonNode inputs, String replyTo,
            long dispatchedAt, long timeoutMillis) {
        this(executionId, workflowName, nodeId, attempt, handler, queue, config, dependencies, inputs, replyTo,
                dispatchedAt, timeoutMillis, null);
    }

    /** The worker-side idempotency key. */
    public String executionKey() {
        return "exec:" + executionId + ":" + nodeId;
    }
}
