package io.dagflow.run;

import io.dagflow.event.WorkflowEvent;

/**
 * Told of every event of an execution once it is stored, in order, on the execution's own
 * thread: implementations must return quickly and must not block.
 */
@FunctionalInterface
public interface ExecutionListener {

    void onEvent(WorkflowEvent event);
}
