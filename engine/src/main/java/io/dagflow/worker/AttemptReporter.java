package io.dagflow.worker;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.store.IdempotencyStore;
import io.dagflow.store.ResultStore;
import io.dagflow.transport.Delivery;
import io.dagflow.transport.ResultMessage;
import io.dagflow.transport.TaskMessage;
import io.dagflow.transport.Transport;
import java.time.Duration;
import java.util.Optional;

/**
 * What a worker writes around one task, in three groups that a backend may each make one round
 * trip: claiming the attempt, finishing it, or settling a copy that is not run. The attempt's
 * progress is kept under {@link TaskMessage#executionKey()} in the idempotency store, as an
 * {@link ExecutionKey}.
 *
 * <p>Within a group the writes take effect in the order listed, so a task is never acknowledged
 * before its outcome was sent, and an outcome never names a result that was not stored.
 */
public interface AttemptReporter {

    /** How long a progress key outlives its last write. */
    Duration PROGRESS_TTL = Duration.ofDays(7);

    /**
     * Claims the task's attempt for this worker, unless the recorded progress says that this copy
     * must not run ({@link ExecutionKey#allowsRun}): records {@code running} and sends
     * {@code started}. Checking and claiming are one step, so two copies never both run.
     *
     * @return empty when claimed: run the handler; otherwise the progress that stopped it
     */
    Optional<ExecutionKey> claim(Delivery<TaskMessage> task, ResultMessage started);

    /**
     * Stores {@code result} (a success's, or null), records {@code progress}, sends
     * {@code outcome} and acknowledges the task.
     */
    void finish(Delivery<TaskMessage> task, JsonNode result, ExecutionKey progress, ResultMessage outcome);

    /** Sends {@code answer} (the stored outcome of an ended attempt, or null) and acknowledges the task. */
    void settle(Delivery<TaskMessage> task, ResultMessage answer);

    /**
     * One call per write on the transport and the stores (the in-memory backend; any backend
     * without a way to group writes). Claiming is then two calls: safe where one worker takes a
     * given copy, as in one process; elsewhere a second copy sent at the same moment may run too.
     */
    static AttemptReporter separateCalls(Transport transport, ResultStore results, IdempotencyStore progress) {
        return new SeparateCallsAttemptReporter(transport, results, progress);
    }
}
