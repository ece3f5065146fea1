package io.dagflow.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dagflow.json.Json;

/**
 * One appended state change. Events are the source of truth of an execution: its state is
 * rebuilt by folding them in sequence order (see {@link io.dagflow.run.ExecutionState}).
 *
 * @param sequence position in the execution's log, from 1, assigned by the execution's single writer
 * @param nodeId the node concerned, or null for workflow events
 * @param attempt the node's attempt (from 1), or 0 for workflow events
 * @param time epoch milliseconds
 * @param worker the worker that ran the attempt, when known
 * @param details event-specific data (error, backoff, blocking node, definition, inputs...)
 */
public record WorkflowEvent(
        String executionId,
        long sequence,
        EventType type,
        String nodeId,
        int attempt,
        long time,
        String worker,
        JsonNode details) {

    public WorkflowEvent {
        if (details == null) {
            details = Json.object();
        }
    }

    public String detail(String field) {
        JsonNode value = details.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** An empty details object to fill before building an event. */
    public static ObjectNode newDetails() {
        return Json.object();
    }
}
