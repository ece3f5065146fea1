package io.dagflow.run;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A node result taken from an earlier execution by a rerun instead of running the node again.
 *
 * @param fromExecution the execution that produced the result
 * @param fromAttempt the attempt of that execution that produced it
 */
public record ReusedNode(String fromExecution, int fromAttempt, JsonNode result) {
}
