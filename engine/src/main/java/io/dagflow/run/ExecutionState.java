package io.dagflow.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.event.EventType;
import io.dagflow.event.WorkflowEvent;
import io.dagflow.json.Json;
import io.dagflow.model.Dag;
import io.dagflow.model.NodeStatus;
import io.dagflow.model.WorkflowDefinition;
import io.dagflow.model.WorkflowStatus;
import java.util.List;
import java.util.function.Function;

/**
 * The state of one execution, as a fold of its events: {@link #apply} is the only way it
 * changes, so replaying the stored events rebuilds exactly the state the orchestrator had.
 * Not thread-safe: it belongs to the execution's single writer.
 */
public final class ExecutionState {

    private final String executionId;
    private final Dag dag;
    private final NodeState[] nodes;
    private JsonNode inputs = Json.object();
    private WorkflowStatus status = WorkflowStatus.RUNNING;
    private String rerunOf;
    private String finishReason;
    private CancelRequest cancelRequest;
    private long startedAt;
    private long finishedAt;
    private long lastSequence;
    private long lastEventAt;
    private int terminalNodes;

    public ExecutionState(String executionId, Dag dag) {
        this.executionId = executionId;
        this.dag = dag;
        this.nodes = new NodeState[dag.size()];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = new NodeState();
            nodes[i].unfinishedDependencies = dag.dependenciesOf(i).length;
        }
    }

    /**
     * Rebuilds an execution from its events alone: the first event (WORKFLOW_STARTED) carries the
     * definition, parsed with {@code parser}.
     */
    public static ExecutionState replay(List<WorkflowEvent> events, Function<String, WorkflowDefinition> parser) {
        if (events.isEmpty() || events.get(0).type() != EventType.WORKFLOW_STARTED) {
            throw new IllegalArgumentException("an execution's events must begin with WORKFLOW_STARTED");
        }
        WorkflowEvent first = events.get(0);
        Dag dag = Dag.of(parser.apply(first.detail(EventFields.DEFINITION)));
        ExecutionState state = new ExecutionState(first.executionId(), dag);
        for (WorkflowEvent event : events) {
            state.apply(event);
        }
        return state;
    }

    /** Applies one event. Events must come in sequence order. */
    public void apply(WorkflowEvent event) {
        if (event.sequence() <= lastSequence) {
            throw new IllegalStateException("event " + event.sequence() + " of " + executionId
                    + " is out of order: last applied was " + lastSequence);
        }
        lastSequence = event.sequence();
        lastEventAt = Math.max(lastEventAt, event.time());
        if (event.nodeId() == null) {
            applyWorkflowEvent(event);
            return;
        }
        int index = dag.indexOf(event.nodeId());
        if (index < 0) {
            throw new IllegalStateException("event " + event.sequence() + " of " + executionId
                    + " names unknown node '" + event.nodeId() + "'");
        }
        applyNodeEvent(index, nodes[index], event);
    }

    private void applyWorkflowEvent(WorkflowEvent event) {
        switch (event.type()) {
            case WORKFLOW_STARTED -> {
                startedAt = event.time();
                JsonNode given = event.details().get(EventFields.INPUTS);
                inputs = given == null || given.isNull() ? Json.object() : given;
                rerunOf = event.detail(EventFields.RERUN_OF);
            }
            case WORKFLOW_CANCEL_REQUESTED -> cancelRequest = new CancelRequest(event.time(),
                    event.detail(EventFields.REASON), event.details().has(EventFields.DEADLINE_MS));
            case QUEUE_UNSERVED -> {
                // A warning for people: it changes nothing.
            }
            case WORKFLOW_RESUMED -> {
                // A change of orchestrator, not of the execution: nodes go on from where they stood.
            }
            case WORKFLOW_COMPLETED -> finish(WorkflowStatus.COMPLETED, event);
            case WORKFLOW_FAILED -> finish(WorkflowStatus.FAILED, event);
            case WORKFLOW_CANCELLED -> finish(WorkflowStatus.CANCELLED, event);
            default -> throw new IllegalStateException(event.type() + " needs a node");
        }
    }

    private void finish(WorkflowStatus finalStatus, WorkflowEvent event) {
        status = finalStatus;
        finishedAt = event.time();
        finishReason = event.detail(EventFields.REASON);
    }

    private void applyNodeEvent(int index, NodeState node, WorkflowEvent event) {
        switch (event.type()) {
            case NODE_REUSED -> {
                node.reused = true;
                node.reusedFrom = event.detail(EventFields.FROM_EXECUTION);
                node.attempt = event.attempt();
                node.finishedAt = event.time();
                complete(index, node);
            }
            case NODE_DISPATCHED -> {
                node.status = NodeStatus.RUNNING;
                node.attempt = event.attempt();
                node.dispatchedAt = event.time();
                node.attemptOpen = true;
                node.startedAt = 0;
                node.restartedAt = 0;
                node.worker = null;
                node.retryDueAt = 0;
            }
            case NODE_STARTED -> {
                if (node.startedAt == 0) {
                    node.queuedMillis += Math.max(0, event.time() - node.dispatchedAt);
                }
                node.startedAt = event.time();
                node.worker = event.worker();
            }
            case NODE_RESTARTED -> {
                node.restartedAt = event.time();
                node.worker = event.worker();
            }
            case NODE_COMPLETED -> {
                endAttempt(node, event.time());
                node.finishedAt = event.time();
                node.worker = event.worker() != null ? event.worker() : node.worker;
                node.error = null;
                complete(index, node);
            }
            case NODE_RETRY -> {
                endAttempt(node, event.time());
                node.status = NodeStatus.PENDING;
                node.error = event.detail(EventFields.ERROR);
                node.retryDueAt = event.time() + event.details().path(EventFields.BACKOFF_MS).asLong();
            }
            case NODE_TIMED_OUT -> {
                endAttempt(node, event.time());
                node.error = event.detail(EventFields.ERROR);
            }
            case NODE_FAILED -> {
                endAttempt(node, event.time());
                node.error = event.detail(EventFields.ERROR);
                node.finishedAt = event.time();
                terminate(node, NodeStatus.FAILED);
            }
            case NODE_BLOCKED -> {
                node.blockedBy = event.detail(EventFields.BLOCKED_BY);
                terminate(node, NodeStatus.BLOCKED);
            }
            case NODE_CANCELLED -> {
                endAttempt(node, event.time());
                node.finishedAt = event.time();
                node.retryDueAt = 0;
                terminate(node, NodeStatus.CANCELLED);
            }
            default -> throw new IllegalStateException(event.type() + " is not a node event");
        }
    }

    /** Adds the run of the attempt that ended at {@code time}; the events that follow its end add nothing. */
    private static void endAttempt(NodeState node, long time) {
        if (!node.attemptOpen) {
            return;
        }
        node.attemptOpen = false;
        if (node.startedAt > 0) {
            node.ranMillis += Math.max(0, time - Math.max(node.startedAt, node.restartedAt));
        } else {
            // Cancelled or timed out in its queue: it waited all along.
            node.queuedMillis += Math.max(0, time - node.dispatchedAt);
        }
    }

    private void complete(int index, NodeState node) {
        terminate(node, NodeStatus.COMPLETED);
        for (int child : dag.dependentsOf(index)) {
            nodes[child].unfinishedDependencies--;
        }
    }

    private void terminate(NodeState node, NodeStatus terminal) {
        if (!node.status.isTerminal()) {
            terminalNodes++;
        }
        node.status = terminal;
    }

    public String executionId() {
        return executionId;
    }

    public Dag dag() {
        return dag;
    }

    public JsonNode inputs() {
        return inputs;
    }

    public WorkflowStatus status() {
        return status;
    }

    public String rerunOf() {
        return rerunOf;
    }

    /** Set once the execution was asked to stop: it then only waits for its running nodes to end. */
    public CancelRequest cancelRequest() {
        return cancelRequest;
    }

    public String finishReason() {
        return finishReason;
    }

    public long startedAt() {
        return startedAt;
    }

    public long finishedAt() {
        return finishedAt;
    }

    public long lastSequence() {
        return lastSequence;
    }

    /** The latest time among the events applied (a worker's clock may put an event before the one it follows). */
    public long lastEventAt() {
        return lastEventAt;
    }

    public boolean allNodesTerminal() {
        return terminalNodes == nodes.length;
    }

    public NodeStatus nodeStatus(int index) {
        return nodes[index].status;
    }

    public NodeStatus nodeStatus(String nodeId) {
        return nodes[dag.indexOf(nodeId)].status;
    }

    public int attempt(int index) {
        return nodes[index].attempt;
    }

    /** True when the node waits for nothing: PENDING, dependencies completed, no retry waiting. */
    public boolean isReady(int index) {
        NodeState node = nodes[index];
        return node.status == NodeStatus.PENDING && node.unfinishedDependencies == 0 && node.retryDueAt == 0;
    }

    /** When the run of the node's current attempt that counts began: its last start. */
    long runStartedAt(int index) {
        return Math.max(nodes[index].startedAt, nodes[index].restartedAt);
    }

    NodeState node(int index) {
        return nodes[index];
    }

    /** A snapshot of one node for callers outside the writer; an attempt still running adds no time yet. */
    public NodeResult nodeResult(int index, JsonNode result) {
        NodeState node = nodes[index];
        return new NodeResult(dag.node(index).id(), dag.node(index).handler(), node.status,
                node.reused ? 0 : node.attempt, node.ranMillis, node.queuedMillis, result, node.error, node.blockedBy,
                node.reusedFrom);
    }
}
