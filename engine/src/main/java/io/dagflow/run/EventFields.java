package io.dagflow.run;

/** Names of the {@code details} fields of events, shared by writers and readers. */
public final class EventFields {
    public static final String DEFINITION = "definition";
    public static final String DEFINITION_VERSION = "definition_version";
    public static final String WORKFLOW_NAME = "workflow_name";
    public static final String INPUTS = "inputs";
    public static final String RERUN_OF = "rerun_of";
    public static final String REASON = "reason";
    public static final String FROM_EXECUTION = "from_execution";
    public static final String FROM_ATTEMPT = "from_attempt";
    public static final String QUEUE = "queue";
    public static final String ERROR = "error";
    public static final String RETRIABLE = "retriable";
    public static final String BACKOFF_MS = "backoff_ms";
    public static final String NEXT_ATTEMPT = "next_attempt";
    public static final String TIMEOUT_MS = "timeout_ms";
    /** On NODE_TIMED_OUT: the attempt waited in its queue this long without a worker starting it. */
    public static final String QUEUE_TIMEOUT_MS = "queue_timeout_ms";
    /** On WORKFLOW_CANCEL_REQUESTED: the workflow's deadline that passed (the workflow then ends FAILED). */
    public static final String DEADLINE_MS = "deadline_ms";
    /** On QUEUE_UNSERVED: the first nodes waiting on the queue, and how many wait in all. */
    public static final String WAITING = "waiting";
    public static final String WAITING_COUNT = "waiting_count";
    public static final String DURATION_MS = "duration_ms";
    public static final String BLOCKED_BY = "blocked_by";
    public static final String OUTPUTS = "outputs";
    public static final String PREVIOUS_OWNER = "previous_owner";
    public static final String ORCHESTRATOR = "orchestrator";
    public static final String LAST_EVENT_AT = "last_event_at";
    public static final String PREVIOUS_WORKER = "previous_worker";

    private EventFields() {
    }
}
