package io.dagflow.store;

import io.dagflow.model.WorkflowStatus;

/**
 * A page of history, newest first. Null filters match everything.
 *
 * @param startedAfter epoch milliseconds (exclusive), or 0
 * @param startedBefore epoch milliseconds (exclusive), or 0 for no bound
 * @param offset how many matching executions to skip
 * @param limit the page size
 */
public record ExecutionQuery(
        String workflowName, WorkflowStatus status, long startedAfter, long startedBefore, int offset, int limit) {

    public static ExecutionQuery all() {
        return new ExecutionQuery(null, null, 0, 0, 0, 50);
    }

    public ExecutionQuery withName(String name) {
        return new ExecutionQuery(name, status, startedAfter, startedBefore, offset, limit);
    }

    public ExecutionQuery withStatus(WorkflowStatus wanted) {
        return new ExecutionQuery(workflowName, wanted, startedAfter, startedBefore, offset, limit);
    }

    public ExecutionQuery page(int newOffset, int newLimit) {
        return new ExecutionQuery(workflowName, status, startedAfter, startedBefore, newOffset, newLimit);
    }

    public boolean matches(ExecutionRecord record) {
        return (workflowName == null || workflowName.equals(record.workflowName()))
                && (status == null || status == record.status())
                && record.startedAt() > startedAfter
                && (startedBefore <= 0 || record.startedAt() < startedBefore);
    }
}
