package io.dagflow.run;

import io.dagflow.event.WorkflowEvent;
import io.dagflow.store.Stores;
import io.dagflow.transport.Delivery;
import io.dagflow.transport.ResultMessage;
import io.dagflow.transport.TaskMessage;
import io.dagflow.transport.Transport;
import java.time.Duration;
import java.util.List;

/**
 * What an execution's writer writes after each batch of decisions, in this order: its events,
 * then the tasks of new attempts (each only if this orchestrator holds the attempt's dispatch key
 * {@code dispatch:{execution}:{node}:{attempt}}), then the tasks sent again after a resume, then
 * the acknowledgements of the results it handled. A backend may make the whole batch one round
 * trip; nothing after the events may take effect unless the events were stored.
 *
 * <p>After a transient failure of the backend (its reply may have been lost) the same batch is
 * written again: events already stored byte for byte are skipped (the Redis event store does
 * so; the in-memory and file stores never fail transiently), and a dispatch key that already
 * holds this orchestrator's id counts as held (the task goes out again; a worker drops a copy of
 * an attempt it has already seen).
 */
public interface OrchestratorWrites {

    /** How long a dispatch key is kept. */
    Duration DISPATCH_KEY_TTL = Duration.ofDays(7);

    /**
     * @param events one execution's new events, in sequence order
     * @param dispatches tasks of new attempts, each guarded by its dispatch key
     * @param resends tasks of attempts dispatched before, sent again unconditionally
     * @param acks results handled by the batch
     */
    record Batch(List<WorkflowEvent> events, List<TaskMessage> dispatches, List<TaskMessage> resends,
            List<Delivery<ResultMessage>> acks) {

        public Batch {
            events = List.copyOf(events);
            dispatches = List.copyOf(dispatches);
            resends = List.copyOf(resends);
            acks = List.copyOf(acks);
        }

        public boolean isEmpty() {
            return events.isEmpty() && dispatches.isEmpty() && resends.isEmpty() && acks.isEmpty();
        }
    }

    /**
     * Writes the batch.
     *
     * @param owner the orchestrator id that dispatch keys are set to
     * @return the dispatches that were not sent because another orchestrator holds their key
     */
    List<TaskMessage> write(Batch batch, String owner);

    static String dispatchKey(TaskMessage task) {
        return "dispatch:" + task.executionId() + ":" + task.nodeId() + ":" + task.attempt();
    }

    /** One call per step, on the event store, the idempotency store and the transport. */
    static OrchestratorWrites separateCalls(Transport transport, Stores stores) {
        return new SeparateCallsOrchestratorWrites(transport, stores);
    }
}
