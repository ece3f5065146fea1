package io.dagflow.report;

import io.dagflow.event.WorkflowEvent;
import java.util.Optional;

/**
 * {@link EventLine}s for a console that several workflows may write to at once (a CI build log):
 * each line names its workflow.
 */
public final class ConsoleLines {

    private final String prefix;

    private ConsoleLines(String prefix) {
        this.prefix = prefix;
    }

    public static ConsoleLines forWorkflow(String workflowName) {
        return new ConsoleLines("[dagflow " + workflowName + "] ");
    }

    /** The line for an event, or empty when the event is not worth a line. */
    public Optional<String> format(WorkflowEvent event) {
        return Optional.ofNullable(EventLine.format(event)).map(line -> prefix + line);
    }

    /** Any other message about the same workflow, so that it reads like the event lines. */
    public String message(String text) {
        return prefix + text;
    }
}
