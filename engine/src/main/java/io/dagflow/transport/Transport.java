package io.dagflow.transport;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * Carries tasks from orchestrators to workers and results back, at least once: a message
 * stays with the transport until its consumer acknowledges it. Implementations: in memory
 * (the embedded default) and Redis Streams.
 *
 * <p>Tasks go to the queue named in the task; each task is handed to one worker of that queue.
 * Results go to the orchestrator named in {@link ResultMessage#replyTo()}, so orchestrators
 * sharing a transport never see each other's results.
 */
public interface Transport extends AutoCloseable {

    void sendTasks(List<TaskMessage> tasks);

    /**
     * Blocks until at least one task of the given queues is available or {@code wait} has passed.
     *
     * @param consumer a name unique to the calling worker
     * @return up to {@code max} tasks, empty on time-out
     */
    List<Delivery<TaskMessage>> receiveTasks(String consumer, Collection<String> queues, int max, Duration wait)
            throws InterruptedException;

    /**
     * Takes up to {@code max} tasks that are already waiting, without blocking. A worker calls it
     * when it finishes a task, to go on with the next one on the same thread instead of handing
     * it over from its receiver. A transport that cannot read without blocking keeps this
     * default, which takes nothing: its tasks then all come through {@link #receiveTasks}.
     *
     * @return up to {@code max} tasks, empty when none is waiting
     */
    default List<Delivery<TaskMessage>> pollTasks(String consumer, Collection<String> queues, int max) {
        return List.of();
    }

    void ackTasks(List<Delivery<TaskMessage>> deliveries);

    /**
     * How often a worker must {@linkplain #renewTasks renew} the tasks it runs so that they are
     * not handed to another worker; null when a received task never goes back by itself.
     */
    default Duration taskRenewalInterval() {
        return null;
    }

    /**
     * Says that {@code consumer} still runs these tasks: a transport that hands a task left
     * unacknowledged for a while (its visibility timeout) to another consumer starts that time
     * again. Tasks meanwhile handed to another consumer are left to it.
     */
    default void renewTasks(String consumer, List<Delivery<TaskMessage>> deliveries) {
    }

    void sendResults(List<ResultMessage> results);

    /** Blocks until results for {@code orchestrator} are available or {@code wait} has passed. */
    List<Delivery<ResultMessage>> receiveResults(String orchestrator, int max, Duration wait)
            throws InterruptedException;

    void ackResults(List<Delivery<ResultMessage>> deliveries);

    /**
     * Gives up on results that no execution will ever take (an adversary's, or a forged task's):
     * they must not stay pending. A transport with a dead-letter store keeps them there with
     * {@code reason}; this default only acknowledges them.
     *
     * @param consumer the orchestrator that received them
     */
    default void deadLetterResults(String consumer, List<Delivery<ResultMessage>> deliveries, String reason) {
        ackResults(deliveries);
    }

    /**
     * Sends tasks, then acknowledges results: an orchestrator's writes after it recorded the
     * decisions those results caused. One round trip where the transport can group them.
     */
    default void sendTasksAndAckResults(List<TaskMessage> tasks, List<Delivery<ResultMessage>> results) {
        sendTasks(tasks);
        ackResults(results);
    }

    /**
     * Takes attempts back so that no worker ever starts them: decided atomically with the claims
     * workers make, so for each attempt either this call wins (the attempt will never start) or a
     * worker's claim did (it runs, or ran, there and its outcome will come). With
     * {@code evenIfClaimed}, a claimed attempt is also marked so that a copy delivered again (its
     * worker died) is never started; its running copy is left to {@link #sendCancellations}.
     *
     * @return one answer per attempt, in order: true when the attempt will never start
     */
    default List<Boolean> withdrawTasks(List<TaskAttempt> attempts, boolean evenIfClaimed) {
        return attempts.stream().map(attempt -> false).toList();
    }

    /** Asks whichever worker runs these attempts to stop them (their handlers are interrupted). */
    default void sendCancellations(List<TaskAttempt> attempts) {
    }

    /**
     * Hands every cancellation sent from now on to {@code listener}, on a thread of the
     * transport's, until the returned handle is closed.
     */
    default AutoCloseable subscribeCancellations(String consumer, Consumer<TaskAttempt> listener) {
        return () -> { };
    }

    /**
     * Says, until the returned handle is closed, that a live worker serves these queues (for
     * {@link #isServed}).
     */
    default AutoCloseable announceWorker(String workerId, Collection<String> queues) {
        return () -> { };
    }

    /** Whether a live worker serves the queue now; true when the transport cannot tell. */
    default boolean isServed(String queue) {
        return true;
    }

    /**
     * Which results travel inside their {@link ResultMessage}; larger ones go through the result
     * store only. The default suits transports that copy messages over the network.
     */
    default InlineResultLimit inlineResultLimit() {
        return InlineResultLimit.defaultLimit();
    }

    @Override
    default void close() {
    }
}
