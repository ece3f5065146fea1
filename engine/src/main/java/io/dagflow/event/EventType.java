package io.dagflow.event;

/** Every state change of an execution, as appended to its event log. */
public enum EventType {
    WORKFLOW_STARTED,
    /** A rerun took a node's result from the execution it reruns instead of running the node. */
    NODE_REUSED,
    NODE_DISPATCHED,
    NODE_STARTED,
    NODE_COMPLETED,
    NODE_RETRY,
    NODE_TIMED_OUT,
    NODE_FAILED,
    NODE_BLOCKED,
    NODE_CANCELLED,
    /** Tasks of the execution wait on a queue that no live worker serves (said once per queue). */
    QUEUE_UNSERVED,
    /**
     * The execution is to stop: nodes not started are cancelled at once, running ones when their
     * workers confirm; the workflow then ends CANCELLED (or FAILED, when its deadline passed).
     */
    WORKFLOW_CANCEL_REQUESTED,
    WORKFLOW_COMPLETED,
    WORKFLOW_FAILED,
    WORKFLOW_CANCELLED
}
