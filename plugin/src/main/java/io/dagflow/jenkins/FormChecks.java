package io.dagflow.jenkins;

import hudson.AbortException;
import hudson.Util;
import hudson.util.FormValidation;
import io.dagflow.ci.WorkflowSource;
import io.dagflow.model.WorkflowDefinition;

/** Form validation shared by the Pipeline step and the freestyle build step. */
final class FormChecks {

    private FormChecks() {
    }

    static FormValidation definition(String definition, String file) {
        FormValidation choice = source(definition, file);
        if (choice != null || Util.fixEmptyAndTrim(definition) == null) {
            return choice == null ? FormValidation.ok() : choice;
        }
        try {
            WorkflowDefinition parsed = Definitions.parse(definition, "definition", null);
            return FormValidation.ok("Workflow '" + parsed.name() + "' with " + parsed.nodes().size() + " node(s)");
        } catch (AbortException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    static FormValidation file(String file, String definition) {
        FormValidation choice = source(definition, file);
        return choice == null ? FormValidation.ok() : choice;
    }

    /** An error when neither or both of definition and file are given, else null. */
    private static FormValidation source(String definition, String file) {
        try {
            WorkflowSource.of(definition, file);
            return null;
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }
}
