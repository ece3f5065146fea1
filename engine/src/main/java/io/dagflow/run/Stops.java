package io.dagflow.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dagflow.event.EventType;
import io.dagflow.event.WorkflowEvent;
import io.dagflow.model.Dag;
import io.dagflow.model.NodeDefinition;
import io.dagflow.model.NodeStatus;
import io.dagflow.transport.TaskAttempt;
import java.time.Duration;
import java.util.List;

/**
 * The decisions of one execution that stop work before it ends by itself: a cancel, the
 * workflow's deadline, and attempts that waited too long in their queue. Called by the
 * execution's single writer only.
 *
 * <p>A cancel is a request that reaches the work, and the history records what really
 * happened: nodes that had not started are cancelled at once (their queued tasks are taken back,
 * atomically with the workers' claims, so they never start); running nodes are cancelled when
 * their workers confirm that they stopped, or completed or failed if their handler ended first.
 * A worker that says nothing within {@link #CANCEL_GRACE} (it died, or its handler ignores
 * interrupts) leaves its node recorded cancelled with that reason.
 */
final class Stops {

    static final Duration CANCEL_GRACE = Duration.ofSeconds(10);

    private final ExecutionState state;
    private final Dag dag;
    private final Withdrawals withdrawals;
    private final Decisions writer;

    Stops(ExecutionState state, Withdrawals withdrawals, Decisions writer) {
        this.state = state;
        this.dag = state.dag();
        this.withdrawals = withdrawals;
        this.writer = writer;
    }

    // ---- the workflow's deadline -------------------------------------------------------------

    void armDeadline(long now) {
        Duration deadline = dag.definition().deadline();
        if (deadline != null) {
            writer.schedule(new Signal.DeadlineDue(), state.startedAt() + deadline.toMillis() - now);
        }
    }

    void onDeadline() {
        long deadline = dag.definition().deadline().toMillis();
        requestCancel("the workflow's deadline of " + ExecutionRun.formatSeconds(deadline) + " passed", deadline);
    }

    // ---- cancelling --------------------------------------------------------------------------

    /** @param deadlineMs the deadline that passed, or null for a cancel asked by someone */
    void requestCancel(String reason, Long deadlineMs) {
        if (state.cancelRequest() != null) {
            return;
        }
        ObjectNode details = WorkflowEvent.newDetails();
        details.put(EventFields.REASON, reason);
        if (deadlineMs != null) {
            details.put(EventFields.DEADLINE_MS, deadlineMs);
        }
        writer.emit(EventType.WORKFLOW_CANCEL_REQUESTED, null, 0, null, details);
        stopEverything();
    }

    /** After a restart of the orchestrator in the middle of a cancel: asks again for what still runs. */
    void resumeCancel() {
        stopEverything();
    }

    private void stopEverything() {
        for (int i = 0; i < dag.size(); i++) {
            NodeState node = state.node(i);
            if (node.status == NodeStatus.PENDING) {
                writer.emit(EventType.NODE_CANCELLED, dag.node(i).id(), node.attempt, null, reason("before it started"));
            } else if (node.status == NodeStatus.RUNNING) {
                withdrawals.add(i, attempt(i), Withdrawals.Purpose.CANCEL);
            }
        }
        if (!withdrawals.isEmpty()) {
            writer.schedule(new Signal.CancelGraceOver(), CANCEL_GRACE.toMillis());
        }
    }

    void onGraceOver() {
        for (int i = 0; i < dag.size(); i++) {
            NodeState node = state.node(i);
            if (node.status == NodeStatus.RUNNING) {
                String worker = node.worker == null ? "the worker that took it" : "worker " + node.worker;
                writer.emit(EventType.NODE_CANCELLED, dag.node(i).id(), node.attempt, node.worker,
                        reason("no word from " + worker + " within " + CANCEL_GRACE.toSeconds()
                                + " s of the cancel; the attempt may still be running there"));
            }
        }
    }

    /** A worker confirmed that it stopped the attempt (or never ran it). */
    void confirmedCancelled(int index, String worker, String detail) {
        writer.emit(EventType.NODE_CANCELLED, dag.node(index).id(), state.node(index).attempt, worker,
                reason((detail == null ? "by its worker" : detail) + (worker == null ? "" : " on " + worker)));
    }

    // ---- queue time-outs ---------------------------------------------------------------------

    void armQueueTimeout(int index, int attempt, long dispatchedAt, long now) {
        Duration limit = dag.node(index).queueTimeout();
        if (limit != null) {
            writer.schedule(new Signal.QueueTimeoutDue(index, attempt), dispatchedAt + limit.toMillis() - now);
        }
    }

    void onQueueTimeout(int index, int attempt) {
        NodeState node = state.node(index);
        if (node.status == NodeStatus.RUNNING && node.attempt == attempt && node.startedAt == 0) {
            withdrawals.add(index, attempt(index), Withdrawals.Purpose.QUEUE_TIMEOUT);
        }
    }

    // ---- the transport's answers -------------------------------------------------------------

    void onWithdrawn(List<Withdrawals.Answer> answers) {
        for (Withdrawals.Answer answer : answers) {
            int index = answer.request().node();
            NodeState node = state.node(index);
            if (!answer.withdrawn() || node.status != NodeStatus.RUNNING
                    || node.attempt != answer.request().attempt().attempt()) {
                // A worker has it: its outcome (or, for a cancel, its confirmation) will come.
                continue;
            }
            if (answer.request().purpose() == Withdrawals.Purpose.CANCEL) {
                writer.emit(EventType.NODE_CANCELLED, dag.node(index).id(), node.attempt, null,
                        reason("before a worker started it"));
            } else if (node.startedAt == 0) {
                queueTimedOut(index, node);
            }
        }
    }

    private void queueTimedOut(int index, NodeState node) {
        NodeDefinition definition = dag.node(index);
        long limit = definition.queueTimeout().toMillis();
        String error = "no worker took the task from queue '" + definition.queue() + "' within "
                + ExecutionRun.formatSeconds(limit);
        ObjectNode details = WorkflowEvent.newDetails();
        details.put(EventFields.QUEUE_TIMEOUT_MS, limit);
        details.put(EventFields.QUEUE, definition.queue());
        details.put(EventFields.ERROR, error);
        writer.emit(EventType.NODE_TIMED_OUT, definition.id(), node.attempt, null, details);
        writer.attemptFailed(index, error, true);
    }

    // ---- finishing ---------------------------------------------------------------------------

    /** Once every node ended after a cancel: CANCELLED, or FAILED when the deadline passed. */
    void finishCancelled() {
        CancelRequest request = state.cancelRequest();
        ObjectNode details = WorkflowEvent.newDetails();
        details.put(EventFields.REASON, request.reason());
        writer.emit(request.failsWorkflow() ? EventType.WORKFLOW_FAILED : EventType.WORKFLOW_CANCELLED, null, 0, null,
                details);
    }

    private TaskAttempt attempt(int index) {
        NodeDefinition definition = dag.node(index);
        return new TaskAttempt(state.executionId(), definition.id(), state.node(index).attempt, definition.queue());
    }

    private static ObjectNode reason(String text) {
        ObjectNode details = WorkflowEvent.newDetails();
        details.put(EventFields.REASON, text);
        return details;
    }
}
