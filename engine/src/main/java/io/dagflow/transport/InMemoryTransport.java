package io.dagflow.transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The embedded transport: queues in this process. Messages live as long as the process, so
 * acknowledging only forgets them; nothing is redelivered because no consumer can die alone.
 */
public final class InMemoryTransport implements Transport {

    /**
     * A queue name that reads every queue: the embedded engine's workers serve whatever queue a
     * workflow names, since there is no other worker to leave it to.
     */
    public static final String ALL_QUEUES = "*";

    private final ReentrantLock taskLock = new ReentrantLock();
    private final Condition tasksAvailable = taskLock.newCondition();
    private final Map<String, java.util.ArrayDeque<Delivery<TaskMessage>>> tasksByQueue = new ConcurrentHashMap<>();
    private final Map<String, Mailbox> resultsByOrchestrator = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final List<Consumer<TaskAttempt>> cancellationListeners = new CopyOnWriteArrayList<>();
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> workersByQueue = new ConcurrentHashMap<>();

    /** Results are handed over by reference, so even a large one costs nothing to carry. */
    @Override
    public InlineResultLimit inlineResultLimit() {
        return InlineResultLimit.unlimited();
    }

    @Override
    public void sendTasks(List<TaskMessage> tasks) {
        if (tasks.isEmpty()) {
            return;
        }
        taskLock.lock();
        try {
            for (TaskMessage task : tasks) {
                tasksByQueue.computeIfAbsent(task.queue(), q -> new java.util.ArrayDeque<>())
                        .add(new Delivery<>(Long.toString(ids.incrementAndGet()), task.queue(), task, 1));
            }
            tasksAvailable.signalAll();
        } finally {
            taskLock.unlock();
        }
    }

    @Override
    public List<Delivery<TaskMessage>> receiveTasks(String consumer, Collection<String> queues, int max, Duration wait)
            throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        taskLock.lockInterruptibly();
        try {
            while (true) {
                List<Delivery<TaskMessage>> taken = take(queues, max);
                if (!taken.isEmpty()) {
                    return taken;
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return List.of();
                }
                tasksAvailable.awaitNanos(remaining);
            }
        } finally {
            taskLock.unlock();
        }
    }

    @Override
    public List<Delivery<TaskMessage>> pollTasks(String consumer, Collection<String> queues, int max) {
        taskLock.lock();
        try {
            return take(queues, max);
        } finally {
            taskLock.unlock();
        }
    }

    /** Called with the task lock held. */
    private List<Delivery<TaskMessage>> take(Collection<String> queues, int max) {
        List<Delivery<TaskMessage>> taken = new ArrayList<>();
        for (String queue : queues.contains(ALL_QUEUES) ? tasksByQueue.keySet() : queues) {
            java.util.ArrayDeque<Delivery<TaskMessage>> pending = tasksByQueue.get(queue);
            while (pending != null && !pending.isEmpty() && taken.size() < max) {
                taken.add(pending.poll());
            }
        }
        return taken;
    }

    /**
     * A task still in its queue is removed; one a worker took is claimed. Nothing is delivered
     * twice in one process, so a claimed attempt needs no mark against a second copy.
     */
    @Override
    public List<Boolean> withdrawTasks(List<TaskAttempt> attempts, boolean evenIfClaimed) {
        java.util.Set<TaskAttempt> wanted = new java.util.HashSet<>(attempts);
        java.util.Set<TaskAttempt> removed = new java.util.HashSet<>();
        taskLock.lock();
        try {
            for (String queue : attempts.stream().map(TaskAttempt::queue).distinct().toList()) {
                java.util.ArrayDeque<Delivery<TaskMessage>> pending = tasksByQueue.get(queue);
                if (pending != null) {
                    pending.removeIf(delivery -> {
                        TaskAttempt attempt = TaskAttempt.of(delivery.message());
                        boolean taken = wanted.contains(attempt);
                        if (taken) {
                            removed.add(attempt);
                        }
                        return taken;
                    });
                }
            }
        } finally {
            taskLock.unlock();
        }
        return attempts.stream().map(removed::contains).toList();
    }

    @Override
    public void sendCancellations(List<TaskAttempt> attempts) {
        for (TaskAttempt attempt : attempts) {
            for (Consumer<TaskAttempt> listener : cancellationListeners) {
                listener.accept(attempt);
            }
        }
    }

    /** Listeners are called on the sender's thread: a worker's only marks the attempt and interrupts its thread. */
    @Override
    public AutoCloseable subscribeCancellations(String consumer, Consumer<TaskAttempt> listener) {
        cancellationListeners.add(listener);
        return () -> cancellationListeners.remove(listener);
    }

    @Override
    public AutoCloseable announceWorker(String workerId, Collection<String> queues) {
        List<String> served = List.copyOf(queues);
        served.forEach(queue -> workersByQueue.computeIfAbsent(queue, q -> new java.util.concurrent.atomic.AtomicInteger())
                .incrementAndGet());
        return () -> served.forEach(queue -> workersByQueue.get(queue).decrementAndGet());
    }

    @Override
    public boolean isServed(String queue) {
        return workers(ALL_QUEUES) > 0 || workers(queue) > 0;
    }

    private int workers(String queue) {
        java.util.concurrent.atomic.AtomicInteger count = workersByQueue.get(queue);
        return count == null ? 0 : count.get();
    }

    @Override
    public void ackTasks(List<Delivery<TaskMessage>> deliveries) {
        // Taken tasks are already out of the queue; nothing is kept for redelivery in one process.
    }

    @Override
    public void sendResults(List<ResultMessage> results) {
        for (ResultMessage result : results) {
            mailbox(result.replyTo()).put(
                    new Delivery<>(Long.toString(ids.incrementAndGet()), result.replyTo(), result, 1));
        }
    }

    @Override
    public List<Delivery<ResultMessage>> receiveResults(String orchestrator, int max, Duration wait)
            throws InterruptedException {
        return mailbox(orchestrator).take(max, wait);
    }

    @Override
    public void ackResults(List<Delivery<ResultMessage>> deliveries) {
        // As for tasks: a taken result is already out of the mailbox.
    }

    private Mailbox mailbox(String orchestrator) {
        return resultsByOrchestrator.computeIfAbsent(orchestrator, o -> new Mailbox());
    }

    private static final class Mailbox {
        private final java.util.concurrent.LinkedBlockingQueue<Delivery<ResultMessage>> queue =
                new java.util.concurrent.LinkedBlockingQueue<>();

        void put(Delivery<ResultMessage> delivery) {
            queue.add(delivery);
        }

        List<Delivery<ResultMessage>> take(int max, Duration wait) throws InterruptedException {
            Delivery<ResultMessage> first = queue.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
            if (first == null) {
                return List.of();
            }
            List<Delivery<ResultMessage>> batch = new ArrayList<>();
            batch.add(first);
            queue.drainTo(batch, max - 1);
            return batch;
        }
    }
}
