package io.dagflow.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Node results, one per attempt, so that a late result of a timed-out attempt never overwrites
 * the result of the attempt that counted.
 */
public interface ResultStore {

    void put(String executionId, String nodeId, int attempt, JsonNode result);

    Optional<JsonNode> get(String executionId, String nodeId, int attempt);
}
