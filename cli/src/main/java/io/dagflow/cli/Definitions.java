package io.dagflow.cli;

import io.dagflow.model.WorkflowDefinition;
import io.dagflow.report.Printable;
import io.dagflow.validation.InvalidWorkflowException;
import io.dagflow.validation.Problem;
import io.dagflow.validation.WorkflowLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** Reads workflow files; an invalid one is a user error listing every problem. */
final class Definitions {

    private Definitions() {
    }

    /** @param knownHandlers the handler types a node may use, or null to accept any */
    static WorkflowDefinition load(Path file, Set<String> knownHandlers, PrintWriter err) {
        try {
            WorkflowLoader loader = knownHandlers == null ? new WorkflowLoader() : new WorkflowLoader(knownHandlers);
            return loader.load(file);
        } catch (InvalidWorkflowException e) {
            List<Problem> problems = e.problems();
            if (problems.size() == 1 && problems.get(0).line() == 0) {
                // the file could not be read at all (no such file, a directory): that is all there is to say
                throw new UserError(problems.get(0).format());
            }
            problems.forEach(problem -> err.println(problem.format()));
            throw new UserError(Printable.inline(file.toString()) + " is not a valid workflow (" + problems.size()
                    + " problem" + (problems.size() == 1 ? ")" : "s)"));
        }
    }

    /** Parses definition text an execution recorded (resuming, rerunning). */
    static WorkflowDefinition parseStored(String source) {
        return WorkflowLoader.parseRecorded(source, "the recorded definition");
    }
}
