package io.dagflow.handler;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/** What a handler may read about the attempt it runs. */
public interface TaskContext {

    String executionId();

    String workflowName();

    String nodeId();

    /** The attempt being run, from 1. */
    int attempt();

    /** The node's config with every template resolved; an empty object when it has none. */
    JsonNode config();

    /** The execution's inputs (an object). */
    JsonNode inputs();

    /** The node's direct dependencies, in definition order. */
    List<String> dependencies();

    /** The result of a direct dependency, read from the result store. */
    Optional<JsonNode> dependencyResult(String nodeId);
}
