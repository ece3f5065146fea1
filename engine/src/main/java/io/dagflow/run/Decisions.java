package io.dagflow.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.event.EventType;

/**
 * What an execution's single writer lets the classes that decide for it do ({@link Stops},
 * {@link Dependents}): record an event (applied to the state at once, written at the next flush),
 * schedule a signal, and act on the outcome of an attempt or a node.
 */
interface Decisions {

    void emit(EventType type, String nodeId, int attempt, String worker, JsonNode details);

    void schedule(Signal signal, long delayMillis);

    /** An attempt failed: retried per its policy, or the node fails. */
    void attemptFailed(int index, String error, boolean retriable);

    /** Starts a node its rule lets run; false when it ended at once (skipped by its condition, or failed). */
    boolean start(int index);
}
