package io.dagflow.transport;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a worker reports of an attempt: that it started, then how it ended.
 *
 * @param result the handler's result when {@code kind} is SUCCEEDED and it is small enough to
 *     travel; otherwise null and {@code resultStored} true: read it from the result store
 * @param retriable whether a failure may be retried (false for bad configuration)
 */
public record ResultMessage(
        String executionId,
        String nodeId,
        int attempt,
        Kind kind,
        String worker,
        String replyTo,
        long startedAt,
        long finishedAt,
        JsonNode result,
        boolean resultStored,
        String error,
        boolean retriable) {

    public enum Kind {
        STARTED,
        SUCCEEDED,
        FAILED,
        /** The attempt stopped because its execution was cancelled (the worker interrupted it, or never ran it). */
        CANCELLED,
        /** Not from a worker: another process asks the owning orchestrator to cancel the execution. */
        CANCEL_REQUESTED
    }

    public static ResultMessage cancelled(
            TaskMessage task, String worker, long startedAt, long finishedAt, String detail) {
        return new ResultMessage(task.executionId(), task.nodeId(), task.attempt(), Kind.CANCELLED, worker,
                task.replyTo(), startedAt, finishedAt, null, false, detail, false);
    }

    public static ResultMessage cancelRequest(String executionId, String owner, String reason) {
        return new ResultMessage(executionId, null, 0, Kind.CANCEL_REQUESTED, null, owner, 0, 0, null, false,
                reason, false);
    }

    public static ResultMessage started(TaskMessage task, String worker, long at) {
        return new ResultMessage(task.executionId(), task.nodeId(), task.attempt(), Kind.STARTED, worker,
                task.replyTo(), at, 0, null, false, null, false);
    }

    public static ResultMessage succeeded(
            TaskMessage task, String worker, long startedAt, long finishedAt, JsonNode result, boolean inline) {
        return new ResultMessage(task.executionId(), task.nodeId(), task.attempt(), Kind.SUCCEEDED, worker,
                task.replyTo(), startedAt, finishedAt, inline ? result : null, true, null, false);
    }

    public static ResultMessage failed(
            TaskMessage task, String worker, long startedAt, long finishedAt, String error, boolean retriable) {
        return new ResultMessage(task.executionId(), task.nodeId(), task.attempt(), Kind.FAILED, worker,
                task.replyTo(), startedAt, finishedAt, null, false, error, retriable);
    }
}
