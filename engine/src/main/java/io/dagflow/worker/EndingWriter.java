package io.dagflow.worker;

import io.dagflow.store.BackendException;
import io.dagflow.transport.Delivery;
import io.dagflow.transport.TaskMessage;
import io.dagflow.worker.AttemptReporter.Ending;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes how tasks ended, many in one call. A thread that hands in an ending while no write is
 * in progress writes everything waiting, itself included; one that finds a write in progress
 * leaves its ending to that writer, which looks again before it stops. So endings that arrive
 * while a write travels to the backend go together in the next one, without a thread of its own
 * to wake (the batch grows with the load), and a lone ending is written at once.
 *
 * <p>With a reporter that does not group writes ({@link AttemptReporter#groupsWrites}), batching
 * would only make one thread write for all: each thread then writes its own ending at once.
 *
 * <p>At most {@code capacity} endings wait: a thread that would add more waits for a write, so a
 * backend slower than the handlers slows the worker down instead of filling its memory.
 */
final class EndingWriter {

    private static final Logger LOG = LoggerFactory.getLogger(EndingWriter.class);

    /** Endings per call, so that one call stays a reasonable size for the backend. */
    private static final int MAX_BATCH = 512;

    private final String workerId;
    private final AttemptReporter reporter;
    private final Consumer<Delivery<TaskMessage>> written;
    private final BooleanSupplier stopping;
    private final ConcurrentLinkedQueue<Ending> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final Semaphore room;

    /**
     * @param written told of each task whose ending was written, or given up on
     * @param stopping whether the worker stops, after which a backend outage is not waited out
     */
    EndingWriter(String workerId, AttemptReporter reporter, int capacity, Consumer<Delivery<TaskMessage>> written,
            BooleanSupplier stopping) {
        this.workerId = workerId;
        this.reporter = reporter;
        this.written = written;
        this.stopping = stopping;
        this.room = new Semaphore(capacity);
    }

    /**
     * Hands in an ending; returns once it is written or another thread has taken over writing it.
     * Interrupted while waiting for room, the ending is dropped: its task stays unacknowledged and
     * is delivered again.
     */
    void submit(Ending ending) {
        if (!reporter.groupsWrites()) {
            write(List.of(ending));
            return;
        }
        try {
            room.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            written.accept(ending.task());
            return;
        }
        waiting.add(ending);
        do {
            if (!writing.compareAndSet(false, true)) {
                return;
            }
            try {
                writeWaiting();
            } finally {
                writing.set(false);
            }
            // An ending added after the last poll, whose thread found this write in progress, is written now.
        } while (!waiting.isEmpty());
    }

    private void writeWaiting() {
        List<Ending> batch = new ArrayList<>();
        Ending ending;
        while ((ending = waiting.poll()) != null) {
            batch.add(ending);
            if (batch.size() == MAX_BATCH) {
                write(batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            write(batch);
        }
    }

    private void write(List<Ending> batch) {
        boolean grouped = reporter.groupsWrites();
        try {
            writeWithRetries(batch);
        } catch (RuntimeException e) {
            if (isTransient(e)) {
                leaveForRedelivery(batch.size(), e);
            } else if (batch.size() == 1) {
                replace(batch.get(0), e);
            } else {
                // Something in the batch cannot be written at all: find it, so that the others go out.
                batch.forEach(this::writeAlone);
            }
        } finally {
            if (grouped) {
                room.release(batch.size());
            }
            for (Ending done : batch) {
                written.accept(done.task());
            }
        }
    }

    /** Writes one ending; one the backend refuses for good is replaced by its node's failure. */
    private void writeAlone(Ending ending) {
        try {
            writeWithRetries(List.of(ending));
        } catch (RuntimeException e) {
            if (isTransient(e)) {
                leaveForRedelivery(1, e);
            } else {
                replace(ending, e);
            }
        }
    }

    private void replace(Ending ending, RuntimeException refused) {
        Ending replacement = ending.unwritable(refused.getMessage());
        if (replacement == null) {
            leaveForRedelivery(1, refused);
            return;
        }
        TaskMessage task = ending.task().message();
        LOG.error("worker {} could not write how attempt {} of {} in {} ended, reporting it failed: {}", workerId,
                task.attempt(), task.nodeId(), task.executionId(), refused.toString());
        try {
            writeWithRetries(List.of(replacement));
        } catch (RuntimeException e) {
            leaveForRedelivery(1, e);
        }
    }

    private static boolean isTransient(RuntimeException e) {
        return e instanceof BackendException backend && backend.isTransient();
    }

    private void leaveForRedelivery(int endings, RuntimeException e) {
        // Left unacknowledged, the tasks are delivered again; their progress keys let a copy
        // republish an outcome that was recorded, or run again.
        LOG.error("worker {} could not write how {} task(s) ended, leaving them to be delivered again: {}",
                workerId, endings, e.toString());
    }

    /**
     * Tries again while the backend is unreachable (a Redis restart): giving up would leave the
     * tasks to be run again elsewhere. They stay renewed meanwhile.
     */
    private void writeWithRetries(List<Ending> batch) {
        for (int failures = 1; ; failures++) {
            try {
                reporter.endAll(batch);
                return;
            } catch (BackendException e) {
                if (!e.isTransient() || stopping.getAsBoolean()) {
                    throw e;
                }
                LOG.warn("worker {} could not report {} ending(s), trying again: {}", workerId, batch.size(),
                        e.getMessage());
                Backoff.pauseAfterFailure(failures);
                if (Thread.currentThread().isInterrupted()) {
                    throw e;
                }
            }
        }
    }
}
