package io.dagflow.event;

/** Every state change of an execution, as appended to its event log. */
public enum EventType {
    WORKFLOW_STARTED,
    /**
     * An orchestrator took the execution over from its stored events after the one that ran it
     * stopped (crashed, was killed, lost its backend): names the previous owner, the orchestrator
     * that resumed it, and the time of the last event before, after which the previous one stopped.
     */
    WORKFLOW_RESUMED,
    /** A rerun took a node's result from the execution it reruns instead of running the node. */
    NODE_REUSED,
    NODE_DISPATCHED,
    NODE_STARTED,
    /**
     * The same attempt started again, later, on a worker: its task was delivered anew because the
     * worker running it (or the orchestrator with the workers of its process) stopped, and what the
     * earlier run did is lost. Names the worker that ran it before. The attempt's time-out still
     * counts from its first start.
     */
    NODE_RESTARTED,
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
