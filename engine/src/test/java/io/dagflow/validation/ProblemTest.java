package io.dagflow.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemTest {

    @Test
    void formatsEveryPartLikeACompilerMessage() {
        Problem problem = new Problem("workflow.json", 12, 5, "get_user", "dependencies",
                "depends on 'fetch', which is not a node");

        assertThat(problem.format()).isEqualTo(
                "workflow.json:12:5: node 'get_user', field 'dependencies': depends on 'fetch', which is not a node");
    }

    @Test
    void controlCharactersFromTheFileAreWrittenAsEscapesSoTheyCannotActOnTheTerminal() {
        Problem problem = new Problem("w.json", 1, 2, "a\u0000\u001b[2J\u007f", "config.k\u0085",
                "unknown handler 'x\u001b]0;title\u0007'\n\u202e");

        assertThat(problem.format()).isEqualTo("w.json:1:2: node 'a\\u0000\\u001b[2J\\u007f', field 'config.k\\u0085':"
                + " unknown handler 'x\\u001b]0;title\\u0007'\\n\\u202e");
    }

    @Test
    void leavesOutWhatIsUnknown() {
        assertThat(new Problem("w.json", 3, 0, null, "name", "must not be empty").format())
                .isEqualTo("w.json:3: field 'name': must not be empty");
        assertThat(new Problem("w.json", 0, 0, null, null, "the file is empty").format())
                .isEqualTo("w.json: the file is empty");
        assertThat(new Problem(null, 2, 7, "a", null, "unknown field 'x'").format())
                .isEqualTo("2:7: node 'a': unknown field 'x'");
        assertThat(new Problem(null, 0, 0, null, null, "broken").format()).isEqualTo("broken");
    }

    @Test
    void exceptionMessageListsEveryProblemOnItsOwnLine() {
        InvalidWorkflowException invalid = new InvalidWorkflowException(List.of(
                new Problem("w.json", 1, 2, null, "name", "must not be empty"),
                new Problem("w.json", 4, 9, "b", "handler", "is required")));

        assertThat(invalid.getMessage()).isEqualTo(
                "w.json:1:2: field 'name': must not be empty\nw.json:4:9: node 'b', field 'handler': is required");
        assertThat(invalid.problems()).hasSize(2);
    }

    @Test
    void anInvalidWorkflowHasAtLeastOneProblem() {
        assertThatThrownBy(() -> new InvalidWorkflowException(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
