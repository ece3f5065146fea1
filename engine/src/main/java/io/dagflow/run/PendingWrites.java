package io.dagflow.run;

import io.dagflow.event.WorkflowEvent;
import io.dagflow.transport.Delivery;
import io.dagflow.transport.ResultMessage;
import io.dagflow.transport.TaskMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * What an execution's writer decided and has not written yet, in the order it must be written
 * ({@link OrchestratorWrites}). Kept until written, so that a flush that failed is tried again
 * with everything in it.
 */
final class PendingWrites {

    final List<WorkflowEvent> events = new ArrayList<>();
    final List<TaskMessage> dispatches = new ArrayList<>();
    final List<TaskMessage> resends = new ArrayList<>();
    final List<Delivery<ResultMessage>> acks = new ArrayList<>();

    OrchestratorWrites.Batch batch() {
        return new OrchestratorWrites.Batch(events, dispatches, resends, acks);
    }

    /** Once the batch was written. */
    void forget() {
        events.clear();
        dispatches.clear();
        resends.clear();
        acks.clear();
    }
}
