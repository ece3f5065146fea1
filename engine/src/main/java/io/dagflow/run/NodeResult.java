package io.dagflow.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.model.NodeStatus;

/**
 * How one node ended (or stands) in an execution.
 *
 * @param attempts attempts dispatched (0 when never run or reused)
 * @param durationMillis how long its ended attempts ran on workers, added up, each from its last start
 *     (a run lost to a restart does not count); retry waits and queueing are not in it
 * @param queuedMillis how long its attempts waited for a worker, from dispatch to first start (or to
 *     their end, for one that never started), added up
 * @param result the node's result when COMPLETED and loaded, else null
 * @param blockedBy the failed node that blocked this one, when BLOCKED
 * @param reusedFrom the execution whose result was reused, when the node was reused by a rerun
 */
public record NodeResult(
        String nodeId,
        String handler,
        NodeStatus status,
        int attempts,
        long durationMillis,
        long queuedMillis,
        JsonNode result,
        String error,
        String blockedBy,
        String reusedFrom) {
}
