package io.dagflow.jenkins;

import hudson.AbortException;
import io.dagflow.model.WorkflowDefinition;
import io.dagflow.validation.InvalidWorkflowException;
import io.dagflow.validation.Problem;
import io.dagflow.validation.WorkflowLoader;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads workflow definitions; a definition is data: it is parsed and checked, never evaluated. */
final class Definitions {

    private Definitions() {
    }

    /**
     * @param knownHandlers the node types that can run, or null when they are not known here
     * @throws AbortException listing every problem with its line and column
     */
    static WorkflowDefinition parse(String text, String name, Set<String> knownHandlers) throws AbortException {
        WorkflowLoader loader = knownHandlers == null ? new WorkflowLoader() : new WorkflowLoader(knownHandlers);
        try {
            return loader.parse(text, name);
        } catch (InvalidWorkflowException e) {
            throw new AbortException(name + " is not a valid workflow:\n" + e.problems().stream()
                    .map(Problem::format).collect(Collectors.joining("\n")));
        }
    }
}
