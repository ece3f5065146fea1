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
import io.dagflow.transport.TaskAttempt;
import io.dagflow.transport.TaskMessage;
import io.dagflow.transport.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls tasks from its queues, runs their handlers, stores results and reports outcomes.
 *
 * <p>One receiver thread reads as many tasks as there are free slots, so a long task never
 * holds others back, and claims them in one call; {@code concurrency} threads run them. A
 * thread that finishes a task takes the next waiting one itself ({@link Transport#pollTasks})
 * before giving its slot back, so a busy worker does not wake its receiver for every task.
 * Outcomes are written in batches ({@link EndingWriter}), and a task is acknowledged only after
 * its outcome was stored and published. The key {@code exec:{execution}:{node}} records how far
 * an attempt got, so that a redelivered copy of a finished attempt republishes its outcome
 * instead of running the handler again.
 */
public final class Worker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

    /**
     * How long a handler runs before its task is reported started on its own (see
     * {@link #reportLongRunningStarted}).
     */
    public static final Duration STARTED_AFTER = Duration.ofMillis(20);

    private final WorkerOptions options;
    private final Transport transport;
    private final ResultStore results;
    private final AttemptReporter reporter;
    private final HandlerRegistry handlers;
    private final ExecutorService runners;
    private final ScheduledExecutorService deadlines;
    private final Semaphore freeSlots;
    private final Thread receiver;
    /** Tasks in hand, from claim until their ending is written: renewed, and reported started when they run long. */
    private final Map<InHand.Key, InHand> running = new ConcurrentHashMap<>();
    private final EndingWriter endings;
    private final AtomicBoolean startedCheckScheduled = new AtomicBoolean();
    private final RecentCancellations cancellations = new RecentCancellations();
    private final QueueLimits queueLimits;
    private AutoCloseable cancellationSubscription;
    private AutoCloseable presence;
    private volatile Secrets secrets = Secrets.none();
    private volatile boolean stopping;

    /** A worker whose writes are one call each (see {@link AttemptReporter#separateCalls}). */
    public Worker(
            WorkerOptions options,
            Transport transport,
            ResultStore results,
            IdempotencyStore idempotency,
            HandlerRegistry handlers) {
        this(options, transport, results, AttemptReporter.separateCalls(transport, results, idempotency), handlers);
    }

    /**
     * @param results where handlers read their dependencies' results
     * @param reporter how the worker records and reports its attempts (a backend's grouped writes)
     */
    public Worker(
            WorkerOptions options,
            Transport transport,
            ResultStore results,
            AttemptReporter reporter,
            HandlerRegistry handlers) {
        this.options = options;
        this.transport = transport;
        this.results = results;
        this.reporter = reporter;
        this.handlers = handlers;
        this.freeSlots = new Semaphore(options.concurrency());
        this.queueLimits = new QueueLimits(options.queueLimits());
        this.endings = new EndingWriter(options.workerId(), reporter, Math.max(64, 4 * options.concurrency()),
                delivery -> running.remove(InHand.key(delivery)), () -> stopping);
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

    /** The secrets this worker resolves {@code {{secrets.NAME}}} with (none unless given). */
    public Worker secrets(Secrets given) {
        this.secrets = java.util.Objects.requireNonNull(given);
        return this;
    }

    public String workerId() {
        return options.workerId();
    }

    public Worker start() {
        cancellationSubscription = transport.subscribeCancellations(options.workerId(), this::cancel);
        presence = transport.announceWorker(options.workerId(), options.queues());
        receiver.start();
        Duration renewal = transport.taskRenewalInterval();
        if (renewal != null) {
            long millis = Math.max(1, renewal.toMillis());
            deadlines.scheduleAtFixedRate(this::renewRunningTasks, millis, millis, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /**
     * Stops the attempt if it runs here: its handler is interrupted, and it ends CANCELLED unless
     * the handler completes anyway. An attempt claimed but not yet started never starts.
     */
    private void cancel(TaskAttempt attempt) {
        cancellations.add(attempt);
        for (InHand task : running.values()) {
            if (attempt.isOf(task.delivery.message())) {
                task.cancel();
            }
        }
    }

    /**
     * A task's STARTED message is sent only once its handler has run for {@link #STARTED_AFTER}:
     * the outcome of a shorter one carries its start time, from which the orchestrator records
     * NODE_STARTED, so most tasks cost one message instead of two. Claiming still records the
     * attempt as running at once.
     */
    private void reportLongRunningStarted() {
        try {
            sendDueStartedReports();
        } finally {
            startedCheckScheduled.set(false);
            if (!running.isEmpty()) {
                scheduleStartedCheck();
            }
        }
    }

    /** The check runs every {@link #STARTED_AFTER} while the worker holds tasks, and not at all when idle. */
    private void scheduleStartedCheck() {
        if (!stopping && startedCheckScheduled.compareAndSet(false, true)) {
            try {
                deadlines.schedule(this::reportLongRunningStarted, STARTED_AFTER.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                startedCheckScheduled.set(false); // stopped meanwhile
            }
        }
    }

    private void sendDueStartedReports() {
        long due = System.currentTimeMillis() - STARTED_AFTER.toMillis();
        List<InHand> late = new ArrayList<>();
        for (InHand task : running.values()) {
            if (task.needsStartedReport(due)) {
                late.add(task);
            }
        }
        if (late.isEmpty()) {
            return;
        }
        try {
            transport.sendResults(late.stream()
                    .map(task -> ResultMessage.started(task.delivery.message(), options.workerId(), task.startedAt))
                    .toList());
            late.forEach(InHand::startedReported);
        } catch (RuntimeException e) {
            // Tried again at the next tick; meanwhile the outcome, if it comes first, says when the task started.
            LOG.warn("worker {} could not report {} task(s) started: {}", options.workerId(), late.size(),
                    e.toString());
        }
    }

    /** Keeps the transport from handing tasks that run here to another worker, however long they take. */
    private void renewRunningTasks() {
        if (running.isEmpty()) {
            return;
        }
        try {
            transport.renewTasks(options.workerId(), running.values().stream().map(task -> task.delivery).toList());
        } catch (RuntimeException e) {
            // Tried again at the next interval; a task goes back only after several misses.
            LOG.warn("worker {} could not renew its running tasks: {}", options.workerId(), e.toString());
        }
    }

    private void receiveLoop() {
        int readFailures = 0;
        while (!stopping) {
            int slots;
            try {
                freeSlots.acquire();
                slots = 1 + drainPermits();
            } catch (InterruptedException e) {
                return;
            }
            QueueLimits.Reservation room;
            try {
                room = queueLimits.reserve(options.queues(), slots);
            } catch (InterruptedException e) {
                freeSlots.release(slots);
                return;
            }
            if (room.max() < slots) {
                freeSlots.release(slots - room.max());
                slots = room.max();
            }
            List<Delivery<TaskMessage>> tasks;
            try {
                tasks = transport.receiveTasks(options.workerId(), room.queues(), slots, options.pollWait());
            } catch (InterruptedException e) {
                queueLimits.received(room, List.of());
                freeSlots.release(slots);
                return;
            } catch (RuntimeException e) {
                queueLimits.received(room, List.of());
                freeSlots.release(slots);
                if (stopping) {
                    return;
                }
                readFailures++;
                LOG.warn("worker {} could not read tasks, retrying: {}", options.workerId(), e.toString());
                Backoff.pauseAfterFailure(readFailures);
                continue;
            }
            readFailures = 0;
            queueLimits.received(room, tasks);
            freeSlots.release(slots - tasks.size());
            for (Delivery<TaskMessage> task : claim(tasks)) {
                runners.execute(() -> runFrom(task));
            }
        }
    }

    /**
     * Claims the tasks in one call and returns those to run; copies that must not run are
     * settled and give their slots back, and so does a batch that could not be claimed (its
     * tasks stay unacknowledged and are delivered again).
     */
    private List<Delivery<TaskMessage>> claim(List<Delivery<TaskMessage>> tasks) {
        if (tasks.isEmpty()) {
            return List.of();
        }
        List<AttemptReporter.Claim> claims = new ArrayList<>(tasks.size());
        for (Delivery<TaskMessage> task : tasks) {
            claims.add(new AttemptReporter.Claim(task, null));
        }
        List<Optional<ExecutionKey>> recorded;
        try {
            recorded = reporter.claimAll(claims);
        } catch (RuntimeException e) {
            LOG.error("worker {} could not claim {} task(s), leaving them to be delivered again: {}",
                    options.workerId(), tasks.size(), e.toString());
            freeSlots.release(tasks.size());
            tasks.forEach(task -> queueLimits.ended(task.message().queue()));
            return List.of();
        }
        List<Delivery<TaskMessage>> toRun = new ArrayList<>(tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            if (recorded.get(i).isPresent()) {
                settle(tasks.get(i), recorded.get(i).get());
                freeSlots.release();
            } else {
                toRun.add(tasks.get(i));
            }
        }
        return toRun;
    }

    private void settle(Delivery<TaskMessage> task, ExecutionKey recorded) {
        queueLimits.ended(task.message().queue());
        running.put(InHand.key(task), InHand.notRunning(task));
        endings.submit(AttemptReporter.Ending.settled(task, answerWithoutRunning(task.message(), recorded)));
    }

    /**
     * Runs a task, then, while more are waiting, the next ones on the same thread and slot: a
     * busy worker then passes nothing between its threads, and each hand-over costs a wake-up.
     */
    private void runFrom(Delivery<TaskMessage> first) {
        try {
            Delivery<TaskMessage> task = first;
            while (task != null) {
                try {
                    execute(task);
                } finally {
                    queueLimits.ended(task.message().queue());
                }
                task = stopping ? null : waitingTask();
            }
        } finally {
            freeSlots.release();
        }
    }

    /** The next waiting task that this worker claimed, or null when none waits. */
    private Delivery<TaskMessage> waitingTask() {
        while (!stopping) {
            QueueLimits.Reservation room = queueLimits.tryReserve(options.queues(), 1);
            if (room == null) {
                return null;
            }
            List<Delivery<TaskMessage>> next;
            try {
                next = transport.pollTasks(options.workerId(), room.queues(), 1);
            } catch (RuntimeException e) {
                queueLimits.received(room, List.of());
                // The receiver meets the same failure and deals with it; this slot just goes back.
                LOG.debug("worker {} could not poll for a task: {}", options.workerId(), e.toString());
                return null;
            }
            queueLimits.received(room, next);
            if (next.isEmpty()) {
                return null;
            }
            Delivery<TaskMessage> task = next.get(0);
            Optional<ExecutionKey> recorded;
            try {
                recorded = reporter.claim(task, null);
            } catch (RuntimeException e) {
                queueLimits.ended(task.message().queue());
                LOG.error("worker {} could not claim {}/{}, leaving it to be delivered again: {}", options.workerId(),
                        task.message().executionId(), task.message().nodeId(), e.toString());
                return null;
            }
            if (recorded.isEmpty()) {
                return task;
            }
            settle(task, recorded.get());
        }
        return null;
    }

    private int drainPermits() {
        return freeSlots.drainPermits();
    }

    /** Runs a claimed task and hands in how it ended. */
    private void execute(Delivery<TaskMessage> delivery) {
        long startedAt = System.currentTimeMillis();
        InHand inHand = InHand.running(delivery, startedAt, Thread.currentThread());
        running.put(InHand.key(delivery), inHand);
        // Checked after the task is in hand, as cancel() adds before it looks: one of them sees the other.
        if (cancellations.contains(TaskAttempt.of(delivery.message()))) {
            inHand.cancel();
        }
        scheduleStartedCheck();
        Outcome outcome;
        try {
            outcome = run(delivery.message(), startedAt, inHand);
        } catch (RuntimeException e) {
            running.remove(InHand.key(delivery));
            throw e;
        } finally {
            inHand.ended();
            // A cancellation that came as the handler returned must not interrupt the next task.
            Thread.interrupted();
        }
        if (outcome == null) {
            running.remove(InHand.key(delivery));
            return; // handed back: the worker is stopping; another worker will take the task
        }
        endings.submit(AttemptReporter.Ending.finished(delivery, outcome.result(), outcome.progress(),
                outcome.message()));
    }

    /**
     * What a copy that does not run answers: its attempt's stored outcome when that attempt ended
     * (the first answer may have been lost), nothing when it runs elsewhere or is outdated.
     */
    private ResultMessage answerWithoutRunning(TaskMessage task, ExecutionKey recorded) {
        if (recorded.attempt() != task.attempt() || !recorded.ended()
                || recorded.state() == ExecutionKey.State.CANCELLED) {
            // A cancelled attempt was settled by the orchestrator when it took the task back.
            return null;
        }
        long now = System.currentTimeMillis();
        // No start: nothing ran here, and a start time would read as the attempt starting again.
        return recorded.state() == ExecutionKey.State.SUCCEEDED
                ? ResultMessage.succeeded(task, options.workerId(), 0, now, null, false)
                : ResultMessage.failed(task, options.workerId(), 0, now, recorded.error(), recorded.retriable());
    }

    /** How an attempt ended: the message to send, the result to store (successes only), the progress to record. */
    private record Outcome(ResultMessage message, JsonNode result, ExecutionKey progress) {
    }

    private Outcome run(TaskMessage task, long startedAt, InHand inHand) {
        if (inHand.isCancelled()) {
            return cancelled(task, 0, "before its handler started");
        }
        Optional<Handler> handler = handlers.find(task.handler());
        if (handler.isEmpty()) {
            String error = "no handler '" + task.handler() + "' on worker " + options.workerId()
                    + " (it has: " + String.join(", ", handlers.types()) + ")";
            return failure(task, startedAt, error, false);
        }
        SecretFields.Resolved config;
        try {
            config = SecretFields.resolve(task, secrets);
        } catch (io.dagflow.template.TemplateException e) {
            return failure(task, startedAt, e.getMessage() + " on worker " + options.workerId() + " (give it with "
                    + Secrets.ENVIRONMENT_PREFIX + "<NAME> or a secrets file)", false);
        }
        Thread runner = Thread.currentThread();
        // The orchestrator's clock decides a time-out; the worker stops a little later, so that its own
        // "interrupted" failure never races the orchestrator's NODE_TIMED_OUT for the same attempt.
        long stopAfter = task.timeoutMillis() + Math.max(1000, task.timeoutMillis() / 10);
        ScheduledFuture<?> deadline = task.timeoutMillis() > 0
                ? deadlines.schedule(runner::interrupt, stopAfter, TimeUnit.MILLISECONDS)
                : null;
        try {
            JsonNode result = config.mask(handler.get().handle(new WorkerTaskContext(task, config.config(), results)));
            if (result == null) {
                result = Json.mapper().nullNode();
            }
            cancel(deadline);
            String unstorable = ResultLimits.problem(result);
            if (unstorable != null) {
                return failure(task, startedAt, "the handler's result cannot be stored: " + unstorable, false);
            }
            ResultMessage succeeded = transport.inlineResultLimit().succeeded(task, options.workerId(), startedAt,
                    System.currentTimeMillis(), result);
            return new Outcome(succeeded, result, ExecutionKey.succeeded(task.attempt()));
        } catch (Exception e) {
            cancel(deadline);
            // However the handler reacted to its interrupt (InterruptedException, an I/O error, its
            // own exception), a cancelled attempt ends CANCELLED.
            if (inHand.isCancelled()) {
                return cancelled(task, startedAt, "while its handler ran");
            }
            if (e instanceof HandlerException handlerError) {
                return failure(task, startedAt, config.mask(handlerError.getMessage()), handlerError.isRetriable());
            }
            if (e instanceof InterruptedException) {
                if (stopping) {
                    return null;
                }
                return failure(task, startedAt, "stopped after its time-out of " + task.timeoutMillis() + " ms", true);
            }
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return failure(task, startedAt, config.mask(message), true);
        }
    }

    private Outcome cancelled(TaskMessage task, long startedAt, String detail) {
        return new Outcome(
                ResultMessage.cancelled(task, options.workerId(), startedAt, System.currentTimeMillis(), detail),
                null, ExecutionKey.cancelled(task.attempt()));
    }

    private static void cancel(ScheduledFuture<?> deadline) {
        if (deadline != null) {
            deadline.cancel(false);
        }
        // A deadline that fired just as the handler returned must not leak into the next task.
        Thread.interrupted();
    }

    private Outcome failure(TaskMessage task, long startedAt, String error, boolean retriable) {
        return new Outcome(
                ResultMessage.failed(task, options.workerId(), startedAt, System.currentTimeMillis(), error, retriable),
                null, ExecutionKey.failed(task.attempt(), retriable, error));
    }

    /**
     * Stops taking tasks, lets running tasks finish for up to {@code grace}, then interrupts the
     * rest; their tasks stay unacknowledged, so the transport gives them to another worker.
     */
    public void stop(Duration grace) {
        stopping = true;
        closeQuietly(cancellationSubscription, "stop listening for cancellations");
        closeQuietly(presence, "withdraw its presence");
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

    private void closeQuietly(AutoCloseable handle, String what) {
        try {
            if (handle != null) {
                handle.close();
            }
        } catch (Exception e) {
            LOG.debug("worker {} could not {}: {}", options.workerId(), what, e.toString());
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }
}
