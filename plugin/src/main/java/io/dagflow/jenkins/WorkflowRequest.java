package io.dagflow.jenkins;

import com.fasterxml.jackson.databind.JsonNode;
import hudson.AbortException;
import io.dagflow.ci.RunMode;
import io.dagflow.ci.WorkflowSource;
import io.dagflow.json.Json;
import java.io.Serializable;

/**
 * What a step or build step asked for, checked when it is made and kept with the running step
 * (hence plain serialisable fields: the inputs as JSON text, the mode by name).
 */
final class WorkflowRequest implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String definition;
    private final String file;
    private final String inputsJson;
    private final String mode;
    private final boolean failOnError;

    private WorkflowRequest(String definition, String file, String inputsJson, String mode, boolean failOnError) {
        this.definition = definition;
        this.file = file;
        this.inputsJson = inputsJson;
        this.mode = mode;
        this.failOnError = failOnError;
    }

    /**
     * @param inputs a JSON object
     * @param mode "embedded", "redis", or null for the global default
     * @throws AbortException naming what is wrong
     */
    static WorkflowRequest of(String definition, String file, JsonNode inputs, String mode, boolean failOnError)
            throws AbortException {
        try {
            WorkflowSource source = WorkflowSource.of(definition, file);
            String modeId = mode == null || mode.isBlank() ? null : RunMode.parse(mode).id();
            if (inputs != null && !inputs.isObject()) {
                throw new IllegalArgumentException("inputs must be a map (a JSON object)");
            }
            return new WorkflowRequest(source.definition(), source.file(),
                    inputs == null ? "{}" : Json.write(inputs), modeId, failOnError);
        } catch (IllegalArgumentException e) {
            throw new AbortException("dagWorkflow: " + e.getMessage());
        }
    }

    WorkflowSource source() {
        return WorkflowSource.of(definition, file);
    }

    JsonNode inputs() {
        return Json.tree(inputsJson);
    }

    RunMode mode(RunMode fallback) {
        return RunMode.parseOr(mode, fallback);
    }

    boolean failOnError() {
        return failOnError;
    }
}
