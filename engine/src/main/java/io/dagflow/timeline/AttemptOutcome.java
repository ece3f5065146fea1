package io.dagflow.timeline;

/** How one attempt of a node ended, or that it has not ended yet. */
public enum AttemptOutcome {
    RUNNING,
    COMPLETED,
    FAILED,
    TIMED_OUT,
    CANCELLED
}
