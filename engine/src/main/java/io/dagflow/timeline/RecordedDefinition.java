package io.dagflow.timeline;

import io.dagflow.event.EventType;
import io.dagflow.event.WorkflowEvent;
import io.dagflow.model.WorkflowDefinition;
import io.dagflow.validation.WorkflowLoader;
import java.util.List;

/**
 * The definition an execution ran, as its WORKFLOW_STARTED event recorded it: what ran is what
 * was started, whatever the definition file says today.
 */
public final class RecordedDefinition {

    private RecordedDefinition() {
    }

    /** The WORKFLOW_STARTED event: the event with the lowest sequence, which must be of that type. */
    public static WorkflowEvent start(List<WorkflowEvent> events) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("no events: an execution's events begin with WORKFLOW_STARTED");
        }
        WorkflowEvent first = events.get(0);
        for (WorkflowEvent event : events) {
            if (event.sequence() < first.sequence()) {
                first = event;
            }
        }
        if (first.type() != EventType.WORKFLOW_STARTED) {
            throw new IllegalArgumentException("the events of execution " + first.executionId()
                    + " begin with " + first.type() + " (sequence " + first.sequence() + "), not WORKFLOW_STARTED");
        }
        return first;
    }

    /**
     * Parses the definition text of the execution's WORKFLOW_STARTED event.
     *
     * @throws IllegalArgumentException naming the execution and every problem when it cannot be read
     */
    public static WorkflowDefinition of(List<WorkflowEvent> events) {
        WorkflowEvent started = start(events);
        String source = started.detail("definition");
        String origin = "definition of execution " + started.executionId();
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("the WORKFLOW_STARTED event of execution " + started.executionId()
                    + " has no definition text");
        }
        return WorkflowLoader.parseRecorded(source, origin);
    }
}
