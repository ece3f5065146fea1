package io.dagflow.worker;

import io.dagflow.transport.Delivery;
import io.dagflow.transport.TaskMessage;

/**
 * A task a worker holds: whether its STARTED message is still to be sent, and whether it was
 * cancelled. A cancellation interrupts the thread running the handler only while the handler
 * runs, never the task that thread takes next.
 */
final class InHand {

    /** A delivery's identity: a delivery's own hash would hash its whole message, configuration included. */
    record Key(String channel, String id) {
    }

    static Key key(Delivery<TaskMessage> delivery) {
        return new Key(delivery.channel(), delivery.id());
    }

    final Delivery<TaskMessage> delivery;
    final long startedAt;
    // Set by the runner when the handler returns and by the reporter once STARTED is sent; read by the reporter.
    private volatile boolean startedReportDone;
    /** The thread running the handler, null once it returned (or for a copy that is not run). */
    private Thread runner;
    private boolean cancelled;

    private InHand(Delivery<TaskMessage> delivery, long startedAt, boolean startedReportDone, Thread runner) {
        this.delivery = delivery;
        this.startedAt = startedAt;
        this.startedReportDone = startedReportDone;
        this.runner = runner;
    }

    static InHand running(Delivery<TaskMessage> delivery, long startedAt, Thread runner) {
        return new InHand(delivery, startedAt, false, runner);
    }

    /** A copy that is not run (it is settled): nothing to report as started. */
    static InHand notRunning(Delivery<TaskMessage> delivery) {
        return new InHand(delivery, 0, true, null);
    }

    /** Marks the task cancelled and interrupts its handler if it still runs. */
    synchronized void cancel() {
        cancelled = true;
        if (runner != null) {
            runner.interrupt();
        }
    }

    synchronized boolean isCancelled() {
        return cancelled;
    }

    boolean needsStartedReport(long startedNoLaterThan) {
        return !startedReportDone && startedAt <= startedNoLaterThan;
    }

    /**
     * The handler returned: its outcome says when it started, and a cancellation no longer
     * interrupts the thread. The caller clears an interrupt that came before this.
     */
    synchronized void ended() {
        startedReportDone = true;
        runner = null;
    }

    void startedReported() {
        startedReportDone = true;
    }
}
