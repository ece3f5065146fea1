package io.dagflow.cli;

import io.dagflow.event.WorkflowEvent;
import io.dagflow.run.ExecutionResult;
import io.dagflow.run.ExecutionState;
import io.dagflow.run.NodeResult;
import io.dagflow.store.ExecutionRecord;
import io.dagflow.store.Stores;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Executions read back from a store, for commands that look at past or running executions. */
final class StoredExecutions {

    private StoredExecutions() {
    }

    static ExecutionRecord record(Stores stores, String executionId) {
        return stores.executions().find(executionId)
                .orElseThrow(() -> new UserError("no execution " + executionId));
    }

    static List<WorkflowEvent> events(Stores stores, String executionId) {
        record(stores, executionId);
        List<WorkflowEvent> events = stores.events().read(executionId);
        if (events.isEmpty()) {
            throw new UserError("execution " + executionId + " has no events");
        }
        return events;
    }

    /** The execution as its events tell it, with the stored results of completed nodes. */
    static ExecutionResult load(Stores stores, String executionId) {
        ExecutionRecord record = record(stores, executionId);
        ExecutionState state = ExecutionState.replay(events(stores, executionId), Definitions::parseStored);
        Map<String, NodeResult> nodes = new LinkedHashMap<>();
        for (int i = 0; i < state.dag().size(); i++) {
            String nodeId = state.dag().node(i).id();
            int attempt = state.attempt(i);
            nodes.put(nodeId, state.nodeResult(i,
                    stores.results().get(executionId, nodeId, attempt).orElse(null)));
        }
        return new ExecutionResult(executionId, state.dag().name(), state.status(), state.startedAt(),
                state.finishedAt() > 0 ? state.finishedAt() : System.currentTimeMillis(), nodes,
                record.outputs(), state.finishReason());
    }
}
