package io.dagflow.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dagflow.event.EventType;
import io.dagflow.event.WorkflowEvent;
import io.dagflow.model.Dag;
import io.dagflow.model.NodeStatus;
import io.dagflow.model.TriggerRule;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * When a node ended, decides for each of its dependents what its trigger rule makes of that: run
 * it, block it (a dependency it needed failed), skip it, or wait. A dependent that is blocked or
 * skipped ended too, so its own dependents are decided next, and so on downstream. Called by the
 * execution's single writer only.
 */
final class Dependents {

    private final ExecutionState state;
    private final Dag dag;
    private final Decisions writer;

    Dependents(ExecutionState state, Decisions writer) {
        this.state = state;
        this.dag = state.dag();
        this.writer = writer;
    }

    void settleAfter(int ended) {
        Deque<Integer> endedNodes = new ArrayDeque<>();
        endedNodes.add(ended);
        while (!endedNodes.isEmpty()) {
            int node = endedNodes.poll();
            for (int child : dag.dependentsOf(node)) {
                if (!state.isUndecided(child)) {
                    continue;
                }
                TriggerRule.Decision decision = state.decide(child);
                switch (decision) {
                    case RUN -> {
                        if (!writer.start(child)) {
                            endedNodes.add(child);
                        }
                    }
                    case BLOCK -> {
                        ObjectNode details = WorkflowEvent.newDetails();
                        details.put(EventFields.BLOCKED_BY, rootCause(child));
                        writer.emit(EventType.NODE_BLOCKED, dag.node(child).id(), 0, null, details);
                        endedNodes.add(child);
                    }
                    case SKIP -> {
                        ObjectNode details = WorkflowEvent.newDetails();
                        details.put(EventFields.REASON, skipReason(dag.node(child).trigger()));
                        writer.emit(EventType.NODE_SKIPPED, dag.node(child).id(), 0, null, details);
                        endedNodes.add(child);
                    }
                    case WAIT -> {
                        // Another dependency has still to end.
                    }
                }
            }
        }
    }

    /** The node whose failure blocks this one: a failed dependency, or what blocked a blocked one. */
    private String rootCause(int index) {
        String cause = null;
        for (int parent : dag.dependenciesOf(index)) {
            NodeStatus status = state.nodeStatus(parent);
            if (status == NodeStatus.FAILED || status == NodeStatus.CANCELLED) {
                return dag.node(parent).id();
            }
            if (status == NodeStatus.BLOCKED && cause == null) {
                cause = state.node(parent).blockedBy;
            }
        }
        return cause;
    }

    private static String skipReason(TriggerRule rule) {
        return switch (rule) {
            case ONE_SUCCESS -> "none of its dependencies completed (trigger one_success)";
            case ONE_FAILED -> "none of its dependencies failed (trigger one_failed)";
            default -> "all its dependencies were skipped";
        };
    }
}
