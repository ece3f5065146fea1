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
    void emptyFileIsAProblemPlacedAtItsStart() {
        assertThat(problems("")).containsExactly(new Problem(FILE, 1, 1, null, null,
                "the file is empty; expected a workflow definition object"));
        assertThat(problems("// only a comment\n  \n")).containsExactly(new Problem(FILE, 1, 1, null, null,
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
    void nestingDeeperThanTheLimitIsReportedAsTheLimitAtTheBracketThatPassesIt() {
        // the config's 997th bracket is the 1001st level: the workflow, dag, nodes and node come first
        String deep = "{\"name\": \"deep\", \"dag\": {\"nodes\": [{\"id\": \"a\", \"handler\": \"echo\", \"config\": "
                + "[".repeat(5000) + "]".repeat(5000) + "}]}}";

        assertThat(problems(deep)).containsExactly(new Problem(FILE, 1, 76 + 997, null, null,
                "nesting limit exceeded: level 1001 starts here, and objects and lists may be nested at most 1000"
                        + " levels deep"));
    }

    @Test
    void aStringLongerThanTheLimitIsReportedAtItsStartWithItsWholeLength() {
        String longString = "{\n  \"name\": \"" + "x".repeat(25_000_000) + "\"}";

        assertThat(problems(longString)).containsExactly(new Problem(FILE, 2, 11, null, null,
                "string length limit exceeded: a string of 25000000 characters, and at most 20000000 are allowed"));
    }

    @Test
    void escapesCountAsTheOneCharacterTheyStandFor() {
        String escaped = "{\"name\": \"" + "\\u0041".repeat(20_000_001) + "\"}";

        assertThat(problems(escaped)).singleElement().extracting(Problem::message).isEqualTo(
                "string length limit exceeded: a string of 20000001 characters, and at most 20000000 are allowed");
    }

    @Test
    void aFieldNameLongerThanTheLimitIsReportedWithItsLength() {
        String longName = "{\"name\": \"n\", \"" + "k".repeat(60_000) + "\": 1}";

        assertThat(problems(longName)).containsExactly(new Problem(FILE, 1, 15, null, null,
                "field name length limit exceeded: a field name of 60000 characters, and at most 50000 are allowed"));
    }

    @Test
    void aNumberLongerThanTheLimitIsReportedWithItsLength() {
        String longNumber = "{\"name\": \"n\", \"dag\": {\"nodes\": [{\"id\": \"a\", \"handler\": \"echo\","
                + " \"timeout_seconds\": " + "1".repeat(5000) + "}]}}";

        assertThat(problems(longNumber)).singleElement().extracting(Problem::message).isEqualTo(
                "number length limit exceeded: a number of 5000 characters, and at most 1000 are allowed");
    }

    @Test
    void nanInfinityAndPlusSignsAreNotJsonNumbersAndTheMessageSaysSoInTermsOfTheFile() {
        for (String number : new String[] {"NaN", "Infinity", "-Infinity", "+5"}) {
            List<Problem> problems = problems("{\"name\": \"n\", \"dag\": {\"nodes\": [{\"id\": \"a\","
                    + " \"handler\": \"echo\", \"timeout_seconds\": " + number + "}]}}");

            assertThat(problems).as(number).singleElement().extracting(Problem::message).asString()
                    .startsWith("malformed JSON: ").contains("a number has no '+'").doesNotContain("enable", "`");
        }
    }
}
