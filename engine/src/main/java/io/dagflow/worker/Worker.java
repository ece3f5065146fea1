package io.dagflow.worker;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.handler.Handler;
import io.dagflow.handler.HandlerException;
import io.dagflow.handler.HandlerRegistry;
import io.dagflow.json.Json;
import io.dagflow.store.IdempotencyStore;
import io.dagflow.store.ResultStore;
import io.dagflow.transport.Delivery;
import io.dagflow.transport.ResultMessage;
import io.dagflow.transport.TaskMessage;
import io.dagflow.transport.Transport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls tasks from its queues, runs their handlers, stores results and reports outcomes.
 *
 * <p>One receiver thread reads as many tasks as there are free slots, so a long task never
 * holds others back; {@code concurrency} threads run them. A thread that finishes a task takes
 * the next waiting one itself ({@link Transport#pollTasks}) before giving its slot back, so a
 * busy worker does not wake its receiver for every task. A task is acknowledged only after its
 * outcome was stored and published. The key {@code exec:{execution}:{node}} records how far an
 * attempt got, so that a redelivered copy of a finished attempt republishes its outcome instead
 * of running the handler again.
 */
public final class Worker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    private static final Duration KEY_TTL = Duration.ofDays(7);

    private final WorkerOptions options;
    private final Transport transport;
    private final ResultStore results;
    private final IdempotencyStore idempotency;
    private final HandlerRegistry handlers;
    private final ExecutorService runners;
    private final ScheduledExecutorService deadlines;
    private final Semaphore freeSlots;
    private final Thread receiver;
    private volatile boolean stopping;

    public Worker(
            WorkerOptions options,
            Transport transport,
            ResultStore results,
            IdempotencyStore idempotency,
            HandlerRegistry handlers) {
        this.options = options;
        this.transport = transport;
        this.results = results;
        this.idempotency = idempotency;
        this.handlers = handlers;
        this.freeSlots = new Semaphore(options.concurrency());
        AtomicInteger count = new AtomicInteger();
        this.runners = Executors.newFixedThreadPool(options.concurrency(), runnable -> {
            Thread thread = new Thread(runnable, options.workerId() + "-run-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, options.workerId() + "-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        this.receiver = new Thread(this::receiveLoop, options.workerId() + "-receive");
        this.receiver.setDaemon(true);
    }

    public String workerId() {
        return options.workerId();
    }

    public Worker start() {
        receiver.start();
        return this;
    }

    private void receiveLoop() {
        while (!stopping) {
            int slots;
            try {
                freeSlots.acquire();
                slots = 1 + drainPermits();
            } catch (InterruptedException e) {
                return;
            }
            List<Delivery<TaskMessage>> tasks;
            try {
                tasks = transport.receiveTasks(options.workerId(), options.queues(), slots, options.pollWait());
            } catch (InterruptedException e) {
                freeSlots.release(slots);
                return;
            } catch (RuntimeException e) {
                freeSlots.release(slots);
                if (stopping) {
                    return;
                }
                LOG.warn("worker {} could not read tasks, retrying: {}", options.workerId(), e.toString());
                pauseAfterFailure();
                continue;
            }
            freeSlots.release(slots - tasks.size());
            for (Delivery<TaskMessage> task : tasks) {
                runners.execute(() -> runFrom(task));
            }
        }
    }

    /**
     * Runs a task, then, while more are waiting, the next ones on the same thread and slot: a
     * busy worker then passes nothing between its threads, and each hand-over costs a wake-up.
     */
    private void runFrom(Delivery<TaskMessage> first) {
        try {
            Delivery<TaskMessage> task = first;
            while (task != null) {
                process(task);
                task = stopping ? null : waitingTask();
            }
        } finally {
            freeSlots.release();
        }
    }

    private Delivery<TaskMessage> waitingTask() {
        try {
            List<Delivery<TaskMessage>> next = transport.pollTasks(options.workerId(), options.queues(), 1);
            return next.isEmpty() ? null : next.get(0);
        } catch (RuntimeException e) {
            // The receiver meets the same failure and deals with it; this slot just goes back.
            LOG.debug("worker {} could not poll for a task: {}", options.workerId(), e.toString());
            return null;
        }
    }

    private int drainPermits() {
        return freeSlots.drainPermits();
    }

    private void process(Delivery<TaskMessage> delivery) {
        TaskMessage task = delivery.message();
        try {
            Decision decision = decide(delivery);
            if (!decision.run()) {
                if (decision.republish() != null) {
                    transport.sendResults(List.of(decision.republish()));
                }
                transport.ackTasks(List.of(delivery));
                return;
            }
            idempotency.put(task.executionKey(), ExecutionKey.running(task.attempt()).encode(), KEY_TTL);
            long startedAt = System.currentTimeMillis();
            transport.sendResults(List.of(ResultMessage.started(task, options.workerId(), startedAt)));
            ResultMessage outcome = run(task, startedAt);
            if (outcome == null) {
                return; // handed back: the worker is stopping; another worker will take the task
            }
            transport.sendResults(List.of(outcome));
            transport.ackTasks(List.of(delivery));
        } catch (RuntimeException e) {
            // The store or transport failed: leave the task unacknowledged so it is delivered again.
            LOG.error("worker {} could not finish {}/{} attempt {}: {}", options.workerId(), task.executionId(),
                    task.nodeId(), task.attempt(), e.toString());
        }
    }

    /** Whether to run the handler, or what to answer instead when this attempt was already seen. */
    private record Decision(boolean run, ResultMessage republish) {
        static final Decision RUN = new Decision(true, null);
        static final Decision DROP = new Decision(false, null);
    }

    private Decision decide(Delivery<TaskMessage> delivery) {
        TaskMessage task = delivery.message();
        Optional<String> stored = idempotency.get(task.executionKey());
        if (stored.isEmpty()) {
            return Decision.RUN;
        }
        ExecutionKey key = ExecutionKey.decode(stored.get());
        if (key.attempt() != task.attempt()) {
            // An older attempt's key is overwritten; a copy of an older attempt no longer counts.
            return key.attempt() < task.attempt() ? Decision.RUN : Decision.DROP;
        }
        long now = System.currentTimeMillis();
        return switch (key.state()) {
            case SUCCEEDED -> new Decision(false,
                    ResultMessage.succeeded(task, options.workerId(), now, now, null, false));
            case FAILED -> new Decision(false,
                    ResultMessage.failed(task, options.workerId(), now, now, key.error(), key.retriable()));
            // Running elsewhere: a fresh copy is a duplicate; a redelivered one means its worker died.
            case RUNNING -> delivery.isRedelivery() ? Decision.RUN : Decision.DROP;
        };
    }

    private ResultMessage run(TaskMessage task, long startedAt) {
        Optional<Handler> handler = handlers.find(task.handler());
        if (handler.isEmpty()) {
            String error = "no handler '" + task.handler() + "' on worker " + options.workerId()
                    + " (it has: " + String.join(", ", handlers.types()) + ")";
            return failure(task, startedAt, error, false);
        }
        Thread runner = Thread.currentThread();
        // The orchestrator's clock decides a time-out; the worker stops a little later, so that its own
        // "interrupted" failure never races the orchestrator's NODE_TIMED_OUT for the same attempt.
        long stopAfter = task.timeoutMillis() + Math.max(1000, task.timeoutMillis() / 10);
        ScheduledFuture<?> deadline = task.timeoutMillis() > 0
                ? deadlines.schedule(runner::interrupt, stopAfter, TimeUnit.MILLISECONDS)
                : null;
        try {
            JsonNode result = handler.get().handle(new WorkerTaskContext(task, results));
            if (result == null) {
                result = Json.mapper().nullNode();
            }
            cancel(deadline);
            results.put(task.executionId(), task.nodeId(), task.attempt(), result);
            idempotency.put(task.executionKey(), ExecutionKey.succeeded(task.attempt()).encode(), KEY_TTL);
            return ResultMessage.succeeded(task, options.workerId(), startedAt, System.currentTimeMillis(), result,
                    sendInline(result));
        } catch (HandlerException e) {
            cancel(deadline);
            return failure(task, startedAt, e.getMessage(), e.isRetriable());
        } catch (InterruptedException e) {
            cancel(deadline);
            if (stopping) {
                return null;
            }
            return failure(task, startedAt, "stopped after its time-out of " + task.timeoutMillis() + " ms", true);
        } catch (Exception e) {
            cancel(deadline);
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return failure(task, startedAt, message, true);
        }
    }

    private static void cancel(ScheduledFuture<?> deadline) {
        if (deadline != null) {
            deadline.cancel(false);
        }
        // A deadline that fired just as the handler returned must not leak into the next task.
        Thread.interrupted();
    }

    private ResultMessage failure(TaskMessage task, long startedAt, String error, boolean retriable) {
        idempotency.put(task.executionKey(), ExecutionKey.failed(task.attempt(), retriable, error).encode(), KEY_TTL);
        return ResultMessage.failed(task, options.workerId(), startedAt, System.currentTimeMillis(), error, retriable);
    }

    private boolean sendInline(JsonNode result) {
        if (options.inlineResultLimitBytes() < 0) {
            return true;
        }
        return Json.write(result).getBytes(StandardCharsets.UTF_8).length <= options.inlineResultLimitBytes();
    }

    private void pauseAfterFailure() {
        try {
            // Not synchronisation: a pause before retrying a failed connection (e.g. Redis restarting).
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops taking tasks, lets running tasks finish for up to {@code grace}, then interrupts the
     * rest; their tasks stay unacknowledged, so the transport gives them to another worker.
     */
    public void stop(Duration grace) {
        stopping = true;
        receiver.interrupt();
        runners.shutdown();
        try {
            if (!runners.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                runners.shutdownNow();
                runners.awaitTermination(5, TimeUnit.SECONDS);
            }
            receiver.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deadlines.shutdownNow();
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }
}
