package io.dagflow.validation;

import java.util.List;
import java.util.stream.Collectors;

/** A workflow definition that cannot be run; carries every problem found, not just the first. */
public class InvalidWorkflowException extends Exception {

    private final transient List<Problem> problems;

    public InvalidWorkflowException(List<Problem> problems) {
        super(problems.stream().map(Problem::format).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid workflow has at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** The problems in the order they appear in the file. */
    public List<Problem> problems() {
        return problems;
    }
}
