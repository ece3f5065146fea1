package io.dagflow.timeline;

/**
 * When an execution was asked to stop, and why: nodes stopped after this, each when its worker
 * confirmed (or at once when it had not started).
 *
 * @param deadline true when the workflow's deadline passed, rather than someone cancelling
 */
public record TimelineCancel(long at, String reason, boolean deadline) {
}
