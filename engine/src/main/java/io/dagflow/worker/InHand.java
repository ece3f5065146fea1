package io.dagflow.worker;

import io.dagflow.transport.Delivery;
import io.dagflow.transport.TaskMessage;

/** A task a worker holds, and whether its STARTED message is still to be sent. */
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

    private InHand(Delivery<TaskMessage> delivery, long startedAt, boolean startedReportDone) {
        this.delivery = delivery;
        this.startedAt = startedAt;
        this.startedReportDone = startedReportDone;
    }

    static InHand running(Delivery<TaskMessage> delivery, long startedAt) {
        return new InHand(delivery, startedAt, false);
    }

    /** A copy that is not run (it is settled): nothing to report as started. */
    static InHand notRunning(Delivery<TaskMessage> delivery) {
        return new InHand(delivery, 0, true);
    }

    boolean needsStartedReport(long startedNoLaterThan) {
        return !startedReportDone && startedAt <= startedNoLaterThan;
    }

    /** The handler returned: its outcome says when it started. */
    void ended() {
        startedReportDone = true;
    }

    void startedReported() {
        startedReportDone = true;
    }
}
