package io.dagflow.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dagflow.event.EventType;
import io.dagflow.event.WorkflowEvent;
import io.dagflow.json.Json;
import java.util.ArrayList;
import java.util.List;

/** Writes the events of one execution as the orchestrator emits them, numbering them in order. */
public final class ExecutionEvents {

    private final String executionId;
    private final List<WorkflowEvent> events = new ArrayList<>();

    private ExecutionEvents(String executionId) {
        this.executionId = executionId;
    }

    public static ExecutionEvents started(String executionId, String definitionText, long at) {
        return startedAsRerun(executionId, definitionText, at, null);
    }

    public static ExecutionEvents startedWithInputs(String executionId, String definitionText, long at,
            JsonNode inputs) {
        return start(executionId, definitionText, at, null, inputs);
    }

    public static ExecutionEvents startedAsRerun(String executionId, String definitionText, long at, String rerunOf) {
        return start(executionId, definitionText, at, rerunOf, Json.object());
    }

    private static ExecutionEvents start(String executionId, String definitionText, long at, String rerunOf,
            JsonNode inputs) {
        ExecutionEvents log = new ExecutionEvents(executionId);
        ObjectNode details = WorkflowEvent.newDetails();
        details.put("definition", definitionText);
        details.set("inputs", inputs);
        details.put("workflow_name", Json.tree(definitionText).path("name").asText());
        if (rerunOf != null) {
            details.put("rerun_of", rerunOf);
        }
        return log.add(EventType.WORKFLOW_STARTED, null, 0, at, null, details);
    }

    public ExecutionEvents dispatched(String node, int attempt, long at) {
        ObjectNode details = WorkflowEvent.newDetails();
        details.put("queue", "default");
        return add(EventType.NODE_DISPATCHED, node, attempt, at, null, details);
    }

    public ExecutionEvents startedOn(String node, int attempt, long at, String worker) {
        return add(EventType.NODE_STARTED, node, attempt, at, worker, null);
    }

    /** The same attempt started again on {@code worker}, after {@code previousWorker} stopped running it. */
    public ExecutionEvents restartedOn(String node, int attempt, long at, String worker, String previousWorker) {
        ObjectNode details = WorkflowEvent.newDetails();
        details.put("previous_worker", previousWorker);
        return add(EventType.NODE_RESTARTED, node, attempt, at, worker, details);
    }

    public ExecutionEvents completed(String node, int attempt, long at, String worker) {
        ObjectNode details = WorkflowEvent.newDetails();
        details.put("duration_ms", 0);
        return add(EventType.NODE_COMPLETED, node, attempt, at, worker, details);
    }

    /** Dispatched at {@code from}, started 1 ms later on {@code worker}, completed at {@code to}. */
    public ExecutionEvents ran(String node, long from, long to, String worker) {
        return dispatched(node, 1, from).startedOn(node, 1, from + 1, worker).completed(node, 1, to, worker);
    }

    public ExecutionEvents retry(String node, int attempt, long at, String error, long backoffMs) {
        ObjectNode details = WorkflowEvent.newDetails();
        details.put("error", error);
        details.put("backoff_ms", backoffMs);
        details.put("next_attempt", attempt + 1);
        return add(EventType.NODE_RETRY, node, attempt, at, null, details);
    }

    public ExecutionEvents timedOut(String node, int attempt, long at, long timeoutMs) {
        ObjectNode details = WorkflowEvent.newDetails();
        details.put("timeout_ms", timeoutMs);
        return add(EventType.NODE_TIMED_OUT, node, attempt, at, null, details);
    }

    public ExecutionEvents failed(String node, int attempt, long at, String error) {
        ObjectNode details = WorkflowEvent.newDetails();
        details.put("error", error);
        return add(EventType.NODE_FAILED, node, attempt, at, null, details);
    }

    public ExecutionEvents blocked(String node, long at, String blockedBy) {
        ObjectNode details = WorkflowEvent.newDetails();
        details.put("blocked_by", blockedBy);
        return add(EventType.NODE_BLOCKED, node, 0, at, null, details);
    }

    public ExecutionEvents cancelled(String node, int attempt, long at) {
        return add(EventType.NODE_CANCELLED, node, attempt, at, null, null);
    }

    public ExecutionEvents reused(String node, long at, String fromExecution, int fromAttempt) {
        ObjectNode details = WorkflowEvent.newDetails();
        details.put("from_execution", fromExecution);
        details.put("from_attempt", fromAttempt);
        return add(EventType.NODE_REUSED, node, fromAttempt, at, null, details);
    }

    /** {@code orchestrator} took the execution over from {@code previousOwner}, whose last event was at {@code lastEventAt}. */
    public ExecutionEvents resumed(long at, String previousOwner, String orchestrator, long lastEventAt) {
        ObjectNode details = WorkflowEvent.newDetails();
        details.put("previous_owner", previousOwner);
        details.put("orchestrator", orchestrator);
        details.put("last_event_at", lastEventAt);
        return add(EventType.WORKFLOW_RESUMED, null, 0, at, null, details);
    }

    public ExecutionEvents queueUnserved(long at, String queue, String... waiting) {
        ObjectNode details = WorkflowEvent.newDetails();
        details.put("queue", queue);
        com.fasterxml.jackson.databind.node.ArrayNode ids = details.putArray("waiting");
        for (String id : waiting) {
            ids.add(id);
        }
        details.put("waiting_count", waiting.length);
        return add(EventType.QUEUE_UNSERVED, null, 0, at, null, details);
    }

    public ExecutionEvents cancelRequested(long at, String reason) {
        ObjectNode details = WorkflowEvent.newDetails();
        details.put("reason", reason);
        return add(EventType.WORKFLOW_CANCEL_REQUESTED, null, 0, at, null, details);
    }

    public ExecutionEvents workflowCompleted(long at) {
        return add(EventType.WORKFLOW_COMPLETED, null, 0, at, null, null);
    }

    public ExecutionEvents workflowFailed(long at, String reason) {
        ObjectNode details = WorkflowEvent.newDetails();
        details.put("reason", reason);
        return add(EventType.WORKFLOW_FAILED, null, 0, at, null, details);
    }

    public ExecutionEvents workflowCancelled(long at, String reason) {
        ObjectNode details = WorkflowEvent.newDetails();
        details.put("reason", reason);
        return add(EventType.WORKFLOW_CANCELLED, null, 0, at, null, details);
    }

    public String executionId() {
        return executionId;
    }

    public List<WorkflowEvent> list() {
        return List.copyOf(events);
    }

    private ExecutionEvents add(EventType type, String node, int attempt, long at, String worker, ObjectNode details) {
        events.add(new WorkflowEvent(executionId, events.size() + 1L, type, node, attempt, at, worker, details));
        return this;
    }
}
