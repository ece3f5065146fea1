package io.dagflow.event;

import java.util.List;

/**
 * Append-only, per-execution, ordered log of events. Implementations: in memory, files, Redis.
 * Appending is durable when the call returns: a crash afterwards never loses the events.
 */
public interface EventStore {

    /** Appends events of one execution, in order. Sequences are assigned by the caller. */
    void append(List<WorkflowEvent> events);

    /** All events of an execution in sequence order; empty when it is unknown. */
    default List<WorkflowEvent> read(String executionId) {
        return read(executionId, 0);
    }

    /** Events of an execution whose sequence is greater than {@code afterSequence}. */
    List<WorkflowEvent> read(String executionId, long afterSequence);
}
