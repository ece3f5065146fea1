package io.dagflow.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;

/**
 * One node of a workflow as written in its definition.
 *
 * @param config the node's configuration, templates unresolved; never null (an empty object when absent)
 * @param timeout the authoritative limit for one attempt, or null for none
 * @param queue the task queue (Redis stream) the node is dispatched to
 * @param queueTimeout how long an attempt may wait in its queue for a worker to start it, or null
 *     for no limit
 */
public record NodeDefinition(
        String id,
        String handler,
        List<String> dependencies,
        JsonNode config,
        RetryPolicy retryPolicy,
        Duration timeout,
        String queue,
        Duration queueTimeout) {

    public static final String DEFAULT_QUEUE = "default";

    public NodeDefinition {
        dependencies = List.copyOf(dependencies);
    }

    /** A node without a queue time-out. */
    public NodeDefinition(String id, String handler, List<String> dependencies, JsonNode config,
            RetryPolicy retryPolicy, Duration timeout, String queue) {
        this(id, handler, dependencies, config, retryPolicy, timeout, queue, null);
    }

    /** True when the definition wrote no config at all (an output node then gathers its dependencies). */
    public boolean hasConfig() {
        return config != null && !config.isMissingNode() && !config.isNull()
                && !(config.isObject() && config.isEmpty());
    }
}
