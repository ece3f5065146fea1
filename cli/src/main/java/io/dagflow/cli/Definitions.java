package io.dagflow.cli;

import io.dagflow.model.WorkflowDefinition;
import io.dagflow.validation.InvalidWorkflowException;
import io.dagflow.validation.Problem;
import io.dagflow.validation.WorkflowLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;

/** Reads workflow files; an invalid one is a user error listing every problem. */
final class Definitions {

    private Definitions() {
    }

    static WorkflowDefinition load(Path file, Set<String> knownHandlers, PrintWriter err) {
        try {
            return new WorkflowLoader(knownHandlers).load(file);
        } catch (NoSuchFileException e) {
            throw new UserError("no such file: " + file);
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage());
        } catch (InvalidWorkflowException e) {
            for (Problem problem : e.problems()) {
                err.println(problem.format());
            }
            throw new UserError(file + " is not a valid workflow (" + e.problems().size() + " problem"
                    + (e.problems().size() == 1 ? ")" : "s)"));
        }
    }

    /** Parses definition text an execution recorded (resuming, rerunning). */
    static WorkflowDefinition parseStored(String source) {
        return WorkflowLoader.parseRecorded(source, "the recorded definition");
    }
}
