package io.dagflow.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** The values templates may read: upstream results and the workflow's own data. */
public interface TemplateScope {

    /** The result of a completed node, or empty when it has none (not run, not upstream). */
    Optional<JsonNode> nodeResult(String nodeId);

    /** {@code {"id": ..., "name": ..., "inputs": {...}}} of the running execution. */
    JsonNode workflow();
}
