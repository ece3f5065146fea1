package io.dagflow.rerun;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A node result a rerun takes instead of running the node.
 *
 * @param fromExecution the execution that produced the result (the first one, when it has been
 *     reused by several reruns in a row)
 * @param fromAttempt the attempt of that execution that produced it
 */
public record ReusedResult(String fromExecution, int fromAttempt, JsonNode result) {
}
