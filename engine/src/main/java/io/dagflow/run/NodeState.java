package io.dagflow.run;

import io.dagflow.model.NodeStatus;

/**
 * The mutable state of one node inside one execution. Owned by the execution's single writer;
 * changed only by {@link ExecutionState#apply}.
 */
final class NodeState {
    NodeStatus status = NodeStatus.PENDING;
    /** The current (or last) attempt, 0 before the first dispatch. */
    int attempt;
    long dispatchedAt;
    /** The first start of the current attempt: its time-out counts from there. */
    long startedAt;
    /** The last time the current attempt started again after its run was lost, 0 when it did not. */
    long restartedAt;
    long finishedAt;
    /** Whether the current attempt is still to end: its run time is added once, when it does. */
    boolean attemptOpen;
    /** Time the ended attempts ran on workers, each from its last start. */
    long ranMillis;
    /** Time the attempts waited from their dispatch to their first start (or end, when they never started). */
    long queuedMillis;
    String worker;
    String error;
    String blockedBy;
    /** When the next attempt is due (epoch ms), 0 when no retry is waiting. */
    long retryDueAt;
    boolean reused;
    String reusedFrom;
    /** Dependencies not yet COMPLETED: the node is ready when this reaches 0. */
    int unfinishedDependencies;
}
