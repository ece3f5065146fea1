package io.dagflow.model;

/** Where a node stands in one execution. */
public enum NodeStatus {
    PENDING,
    RUNNING,
    COMPLETED,
    FAILED,
    BLOCKED,
    CANCELLED;

    public boolean isTerminal() {
        return this != PENDING && this != RUNNING;
    }
}
