package io.dagflow.worker;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.store.IdempotencyStore;
import io.dagflow.store.ResultStore;
import io.dagflow.transport.Delivery;
import io.dagflow.transport.ResultMessage;
import io.dagflow.transport.TaskMessage;
import io.dagflow.transport.Transport;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a worker writes around its tasks, in two steps that a backend may each make one round
 * trip for a whole batch of tasks: claiming attempts, and ending them (finishing an attempt that
 * ran, or settling a copy that did not). The attempt's progress is kept under
 * {@link TaskMessage#executionKey()} in the idempotency store, as an {@link ExecutionKey}.
 *
 * <p>Within one task the writes take effect in the order listed, and a batch acknowledges its
 * tasks only after every outcome in it was sent: a task is never acknowledged before its outcome
 * was sent, and an outcome never names a result that was not stored.
 */
public interface AttemptReporter {

    /** How long a progress key outlives its last write. */
    Duration PROGRESS_TTL = Duration.ofDays(7);

    /**
     * A copy of a task to claim, and the STARTED message that reports it when claimed, or null
     * when the start is reported later (by the outcome, or on its own for a long task).
     */
    record Claim(Delivery<TaskMessage> task, ResultMessage started) {
    }

    /**
     * How a task ends on this worker: a finished attempt stores {@code result} (a success's, or
     * null), records {@code progress} and sends {@code message}; a settled copy (no progress)
     * only sends {@code message}, when there is one. Both acknowledge the task.
     */
    record Ending(Delivery<TaskMessage> task, JsonNode result, ExecutionKey progress, ResultMessage message) {

        public static Ending finished(Delivery<TaskMessage> task, JsonNode result, ExecutionKey progress,
                ResultMessage outcome) {
            return new Ending(task, result, progress, outcome);
        }

        public static Ending settled(Delivery<TaskMessage> task, ResultMessage answer) {
            return new Ending(task, null, null, answer);
        }

        public boolean ran() {
            return progress != null;
        }

        /**
         * The failure that replaces this ending when it cannot be written (its result or message
         * breaks a limit of the backend): the node then fails with the reason instead of its task
         * being delivered again forever. Null for a settled copy, which has nothing of its own to write.
         */
        public Ending unwritable(String reason) {
            if (!ran() || message == null) {
                return null;
            }
            TaskMessage attempt = task.message();
            String error = "the outcome of attempt " + attempt.attempt() + " could not be stored: " + reason;
            return new Ending(task, null, ExecutionKey.failed(attempt.attempt(), false, error),
                    ResultMessage.failed(attempt, message.worker(), message.startedAt(), message.finishedAt(), error,
                            false));
        }
    }

    /**
     * Claims each task's attempt for this worker, unless the recorded progress says that this
     * copy must not run ({@link ExecutionKey#allowsRun}): records {@code running} and sends the
     * STARTED message, if any. Checking and claiming are one step, so two copies never both run.
     *
     * @return one element per claim, in order: empty when claimed (run the handler), otherwise
     *     the progress that stopped it
     */
    List<Optional<ExecutionKey>> claimAll(List<Claim> claims);

    /** Writes every ending, then acknowledges their tasks. */
    void endAll(List<Ending> endings);

    /**
     * Whether a batch costs about as much as one of its items (a backend's grouped writes): then
     * a worker gathers endings into batches. When it does not, each thread writes its own
     * endings, in parallel with the others.
     */
    default boolean groupsWrites() {
        return true;
    }

    default Optional<ExecutionKey> claim(Delivery<TaskMessage> task, ResultMessage started) {
        return claimAll(List.of(new Claim(task, started))).get(0);
    }

    default void finish(Delivery<TaskMessage> task, JsonNode result, ExecutionKey progress, ResultMessage outcome) {
        endAll(List.of(Ending.finished(task, result, progress, outcome)));
    }

    /** Sends {@code answer} (the stored outcome of an ended attempt, or null) and acknowledges the task. */
    default void settle(Delivery<TaskMessage> task, ResultMessage answer) {
        endAll(List.of(Ending.settled(task, answer)));
    }

    /**
     * One call per write on the transport and the stores (the in-memory backend; any backend
     * without a way to group writes). Claiming is then two calls: safe where one worker takes a
     * given copy, as in one process; elsewhere a second copy sent at the same moment may run too.
     */
    static AttemptReporter separateCalls(Transport transport, ResultStore results, IdempotencyStore progress) {
        return new SeparateCallsAttemptReporter(transport, results, progress);
    }
}
