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
        long timeoutMillis) {

    public TaskMessage {
        dependencies = dependencies == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(dependencies));
    }

    /** The worker-side idempotency key. */
    public String executionKey() {
        return "exec:" + executionId + ":" + nodeId;
    }
}
