package io.dagflow.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dagflow.event.EventType;
import io.dagflow.event.WorkflowEvent;
import io.dagflow.model.Dag;
import io.dagflow.model.NodeStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * How an execution whose nodes all ended (without a cancel) finishes: COMPLETED with its
 * outputs when no node failed or was blocked, FAILED naming the first five failed nodes otherwise.
 * Skipped nodes do not fail a workflow.
 */
final class WorkflowEnd {

    private static final int NAMED_FAILURES = 5;

    private WorkflowEnd() {
    }

    static void record(ExecutionState state, Supplier<ObjectNode> outputs, Decisions writer) {
        Dag dag = state.dag();
        List<String> problems = new ArrayList<>();
        int failed = 0;
        int blocked = 0;
        for (int i = 0; i < dag.size(); i++) {
            NodeStatus status = state.nodeStatus(i);
            if (status == NodeStatus.FAILED) {
                failed++;
                if (problems.size() < NAMED_FAILURES) {
                    problems.add("node '" + dag.node(i).id() + "' failed: " + state.node(i).error);
                }
            } else if (status == NodeStatus.BLOCKED) {
                blocked++;
            }
        }
        ObjectNode details = WorkflowEvent.newDetails();
        if (failed == 0 && blocked == 0) {
            details.set(EventFields.OUTPUTS, outputs.get());
            writer.emit(EventType.WORKFLOW_COMPLETED, null, 0, null, details);
            return;
        }
        details.put(EventFields.REASON,
                failed + " node(s) failed, " + blocked + " blocked: " + String.join("; ", problems));
        writer.emit(EventType.WORKFLOW_FAILED, null, 0, null, details);
    }
}
