package io.dagflow.ci;

/**
 * An execution of an earlier build that a rerun may continue.
 *
 * @param workflowName the name in the definition it ran
 */
public record OriginalExecution(String workflowName, String executionId) {

    public OriginalExecution {
        if (workflowName == null || executionId == null) {
            throw new IllegalArgumentException("an original execution needs a workflow name and an execution id");
        }
    }
}
