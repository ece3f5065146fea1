package io.dagflow.transport;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

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

    void sendResults(List<ResultMessage> results);

    /** Blocks until results for {@code orchestrator} are available or {@code wait} has passed. */
    List<Delivery<ResultMessage>> receiveResults(String orchestrator, int max, Duration wait)
            throws InterruptedException;

    void ackResults(List<Delivery<ResultMessage>> deliveries);

    @Override
    default void close() {
    }
}
