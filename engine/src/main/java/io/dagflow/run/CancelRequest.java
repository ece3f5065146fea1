package io.dagflow.run;

/**
 * That an execution was asked to stop, as recorded by WORKFLOW_CANCEL_REQUESTED.
 *
 * @param failsWorkflow true when the workflow's deadline passed: it then ends FAILED, not CANCELLED
 */
public record CancelRequest(long requestedAt, String reason, boolean failsWorkflow) {
}
