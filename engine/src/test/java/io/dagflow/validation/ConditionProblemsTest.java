package io.dagflow.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A node's trigger rule and `when` condition are checked before anything runs. */
class ConditionProblemsTest {

    private static final String FILE = "workflow.json";

    private final WorkflowLoader loader = new WorkflowLoader();

    /** Nodes "build", "lint" and "check" (which depends on build); {@code fields} go into check at line 4, column 3. */
    private List<Problem> problemsOfCheck(String fields) {
        return loader.check("{\"name\": \"conditions\", \"dag\": {\"nodes\": [\n"
                + " {\"id\": \"build\", \"handler\": \"echo\"}, {\"id\": \"lint\", \"handler\": \"echo\"},\n"
                + " {\"id\": \"check\", \"handler\": \"echo\", \"dependencies\": [\"build\"],\n"
                + "  " + fields + "}]}}", FILE);
    }

    @Test
    void validConditionsAndTriggerRulesPass() {
        assertThat(problemsOfCheck("\"when\": \"build.ok == true and workflow.inputs.env != 'dev'\","
                + " \"trigger\": \"all_done\"")).isEmpty();
    }

    @Test
    void anUnknownTriggerRuleIsRefusedWithASuggestion() {
        assertThat(problemsOfCheck("\"trigger\": \"al_done\"")).containsExactly(new Problem(FILE, 4, 14, "check",
                "trigger", "unknown trigger rule 'al_done'; did you mean 'all_done'? (one of all_success, all_done,"
                        + " one_success, one_failed, none_failed)"));
    }

    @Test
    void aConditionsSyntaxErrorPointsAtItsColumnInTheFile() {
        List<Problem> problems = problemsOfCheck("\"when\": \"build.ok == and true\"");

        assertThat(problems).hasSize(1);
        Problem problem = problems.get(0);
        assertThat(problem.line()).isEqualTo(4);
        // The string starts at column 11; 'and' is its 13th character.
        assertThat(problem.column()).isEqualTo(24);
        assertThat(problem.field()).isEqualTo("when");
        assertThat(problem.message()).startsWith("condition 'build.ok == and true': ").contains("'and' at column 13");
    }

    @Test
    void aConditionMayReadOnlyUpstreamNodesAndTheWorkflow() {
        assertThat(problemsOfCheck("\"when\": \"lint.ok\"")).containsExactly(new Problem(FILE, 4, 12, "check", "when",
                "condition path lint.ok refers to node 'lint', which is not upstream of 'check'; add 'lint' to the"
                        + " dependencies of 'check' (or of a node it depends on)"));
        assertThat(problemsOfCheck("\"when\": \"biuld.ok\"")).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("condition path biuld.ok refers to node 'biuld',"
                        + " which is not a node").contains("build"));
        assertThat(problemsOfCheck("\"when\": \"workflow.input.env == 'prod'\"")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("did you mean {{workflow.inputs}}"));
    }
}
