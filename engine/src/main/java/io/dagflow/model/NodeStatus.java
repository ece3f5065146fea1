package io.dagflow.model;

/** Where a node stands in one execution. */
public enum NodeStatus {
    PENDING,
    RUNNING,
    COMPLETED,
    FAILED,
    BLOCKED,
    CANCELLED,
    /** Not run: its {@code when} condition was false, or its trigger rule can no longer be met. */
    SKIPPED;

    public boolean isTerminal() {
        return this != PENDING && this != RUNNING;
    }
}
