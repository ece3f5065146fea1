package io.dagflow.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SyntaxProblemsTest {

    private static final String FILE = "workflow.json";

    private final WorkflowLoader loader = new WorkflowLoader();

    private List<Problem> problems(String source) {
        return loader.check(source, FILE);
    }

    @Test
    void malformedJsonIsPlacedWhereTheParserStopped() {
        List<Problem> problems = problems("""
                {
                  "name": "broken",
                  "dag": { "nodes": [
                    { "id": "a" "handler": "echo" }
                  ] }
                }""");

        assertThat(problems).containsExactly(new Problem(FILE, 4, 17, null, null, "malformed JSON: Unexpected"
                + " character ('\"' (code 34)): was expecting comma to separate Object entries"));
    }

    @Test
    void unterminatedDefinitionNamesWhereTheOpenListStarted() {
        List<Problem> problems = problems("""
                {
                  "name": "cut",
                  "dag": { "nodes": [
                    { "id": "a", "handler": "echo" }
                """);

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(5);
            assertThat(problem.message()).isEqualTo("malformed JSON: Unexpected end-of-input: expected close marker"
                    + " for Array (start marker at line 3, column 21)");
        });
    }

    @Test
    void emptyFileIsAProblemOfTheWholeFile() {
        assertThat(problems("")).containsExactly(new Problem(FILE, 0, 0, null, null,
                "the file is empty; expected a workflow definition object"));
        assertThat(problems("// only a comment\n  \n")).containsExactly(new Problem(FILE, 0, 0, null, null,
                "the file is empty; expected a workflow definition object"));
    }

    @Test
    void definitionMustBeAnObject() {
        assertThat(problems("\n[ {\"id\": \"a\"} ]")).containsExactly(new Problem(FILE, 2, 1, null, null,
                "a workflow definition must be a JSON object, not a list"));
    }

    @Test
    void contentAfterTheDefinitionIsNotIgnored() {
        List<Problem> problems = problems("""
                {"name": "a", "dag": {"nodes": [{"id": "a", "handler": "echo"}]}}
                {"name": "b"}""");

        assertThat(problems).containsExactly(new Problem(FILE, 2, 1, null, null,
                "unexpected content after the end of the workflow definition"));
    }

    @Test
    void aFieldWrittenTwiceIsReportedWithBothPlaces() {
        List<Problem> problems = problems("""
                {"name": "twice",
                 "dag": {"nodes": [
                   {"id": "a", "handler": "echo",
                    "config": {"url": "http://one", "url": "http://two"}}]}}""");

        assertThat(problems).containsExactly(new Problem(FILE, 4, 37, "a", "config.url",
                "is written twice (first at line 4, column 16); JSON keeps only one, so remove the other"));
    }

    @Test
    void commentsOfBothKindsAreAllowedAnywhere() {
        List<Problem> problems = problems("""
                // leading line comments, as in the original design's files
                /* and block
                   comments */
                { "name": "commented", // after a value
                  "dag": { /* inside */ "nodes": [
                    { "id": "a", "handler": "echo" } // trailing
                  ] }
                }
                // and after the end""");

        assertThat(problems).isEmpty();
    }

    @Test
    void nestingDeeperThanTheParserAllowsIsAProblemNotACrash() {
        String deep = "{\"name\": \"deep\", \"dag\": {\"nodes\": [{\"id\": \"a\", \"handler\": \"echo\", \"config\": "
                + "[".repeat(5000) + "]".repeat(5000) + "}]}}";

        assertThat(problems(deep)).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(1);
            assertThat(problem.message()).startsWith("malformed JSON: Document nesting depth (1001) exceeds");
        });
    }
}
