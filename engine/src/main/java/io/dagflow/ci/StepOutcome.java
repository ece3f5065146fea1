package io.dagflow.ci;

import io.dagflow.json.PlainValues;
import io.dagflow.model.WorkflowStatus;
import io.dagflow.report.ExecutionSummary;
import io.dagflow.run.ExecutionResult;
import java.util.Map;

/** How a CI step ends once its execution ended. */
public sealed interface StepOutcome {

    /**
     * The step returns the workflow's outputs.
     *
     * @param outputs each output node's result by node id, as plain values (empty unless completed)
     * @param warning why the workflow did not complete, when it failed and the step does not fail; else null
     */
    record Return(Map<String, Object> outputs, String warning) implements StepOutcome {
    }

    /** The step fails with a summary of failed and blocked nodes. */
    record Fail(String summary) implements StepOutcome {
    }

    /**
     * A completed execution returns its outputs. A failed or cancelled one fails the step, or
     * returns what it has with a warning when {@code failOnError} is false.
     */
    static StepOutcome decide(ExecutionResult result, boolean failOnError) {
        Map<String, Object> outputs = PlainValues.toPlainMap(result.outputs());
        if (result.status() == WorkflowStatus.COMPLETED) {
            return new Return(outputs, null);
        }
        if (result.status() == WorkflowStatus.RUNNING) {
            throw new IllegalArgumentException("execution " + result.executionId() + " has not ended");
        }
        String summary = ExecutionSummary.failure(result);
        return failOnError ? new Fail(summary) : new Return(outputs, summary);
    }
}
