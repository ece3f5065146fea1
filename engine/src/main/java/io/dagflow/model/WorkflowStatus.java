package io.dagflow.model;

/** Where a whole execution stands. */
public enum WorkflowStatus {
    RUNNING,
    COMPLETED,
    FAILED,
    CANCELLED;

    public boolean isTerminal() {
        return this != RUNNING;
    }
}
