package io.dagflow.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FieldProblemsTest {

    private static final String FILE = "workflow.json";

    private final WorkflowLoader loader = new WorkflowLoader();

    private List<Problem> problems(String source) {
        return loader.check(source, FILE);
    }

    /** A workflow with the given node lines; the first node line is line 3 of the file. */
    private static String withNodes(String... nodes) {
        return "{\"name\": \"fields\",\n \"dag\": {\"nodes\": [\n" + String.join(",\n", nodes) + "\n]}}";
    }

    @Test
    void unknownNodeFieldSuggestsTheClosestKnownOne() {
        List<Problem> problems = problems(withNodes(
                "  {\"id\": \"input\", \"handler\": \"input\"}",
                "  {\"id\": \"get_user\", \"handler\": \"http\", \"dependecies\": [\"input\"]}"));

        assertThat(problems).containsExactly(new Problem(FILE, 4, 41, "get_user", null,
                "unknown field 'dependecies', did you mean 'dependencies'?"));
    }

    @Test
    void fieldNamesOtherToolsUsePointToOurs() {
        List<Problem> problems = problems(withNodes("  {\"id\": \"a\", \"type\": \"http\", \"depends_on\": []}"));

        assertThat(problems).containsExactly(
                new Problem(FILE, 3, 3, "a", "handler", "is required: the type of work the node does, e.g. \"http\""),
                new Problem(FILE, 3, 15, "a", null, "unknown field 'type', did you mean 'handler'?"),
                new Problem(FILE, 3, 31, "a", null, "unknown field 'depends_on', did you mean 'dependencies'?"));
    }

    @Test
    void camelCaseFieldNamesFindTheirSnakeCaseSpelling() {
        List<Problem> problems = problems(withNodes("  {\"id\": \"a\", \"handler\": \"x\", \"timeoutSeconds\": 3}"));

        assertThat(problems).extracting(Problem::message)
                .containsExactly("unknown field 'timeoutSeconds', did you mean 'timeout_seconds'?");
    }

    @Test
    void unknownFieldWithNothingCloseListsTheAcceptedFields() {
        List<Problem> problems = problems("""
                {"name": "x", "colour": "blue", "dag": {"nodes": [{"id": "a", "handler": "echo"}]}}""");

        assertThat(problems).containsExactly(new Problem(FILE, 1, 15, null, null,
                "unknown field 'colour'; the workflow accepts name, description, deadline_seconds, max_parallel, defaults, dag"));
    }

    @Test
    void nodesWrittenAtTheTopLevelAreShownWhereTheyBelong() {
        List<Problem> problems = problems("{\"name\": \"x\", \"nodes\": []}");

        assertThat(problems).containsExactly(
                new Problem(FILE, 1, 1, null, "dag", "is required: expected \"dag\": {\"nodes\": [...]}"),
                new Problem(FILE, 1, 15, null, null, "unknown field 'nodes', did you mean 'dag'?"));
    }

    @Test
    void missingNameIsReportedAtTheStartOfTheDefinition() {
        List<Problem> problems = problems("\n  {\"dag\": {\"nodes\": [{\"id\": \"a\", \"handler\": \"echo\"}]}}");

        assertThat(problems).containsExactly(
                new Problem(FILE, 2, 3, null, "name", "is required: every workflow needs a name"));
    }

    @Test
    void blankNameIsRejected() {
        List<Problem> problems = problems(
                "{\"name\": \"  \", \"dag\": {\"nodes\": [{\"id\": \"a\", \"handler\": \"e\"}]}}");

        assertThat(problems).containsExactly(new Problem(FILE, 1, 10, null, "name", "must not be empty"));
    }

    @Test
    void missingNodeListIsReportedAtTheDagObject() {
        List<Problem> problems = problems("{\"name\": \"x\",\n \"dag\": {}}");

        assertThat(problems).containsExactly(
                new Problem(FILE, 2, 9, null, "dag.nodes", "is required: the list of the workflow's nodes"));
    }

    @Test
    void emptyNodeListIsRejected() {
        List<Problem> problems = problems("{\"name\": \"x\", \"dag\": {\"nodes\": []}}");

        assertThat(problems).containsExactly(
                new Problem(FILE, 1, 32, null, "dag.nodes", "is empty: a workflow needs at least one node"));
    }

    @Test
    void nodesMustBeAListOfObjects() {
        assertThat(problems("{\"name\": \"x\", \"dag\": {\"nodes\": {\"id\": \"a\"}}}")).containsExactly(
                new Problem(FILE, 1, 32, null, "dag.nodes", "must be a list of nodes, not an object"));
        assertThat(problems(withNodes("  {\"id\": \"a\", \"handler\": \"e\"}", "  \"b\""))).containsExactly(
                new Problem(FILE, 4, 3, null, "dag.nodes[1]", "a node must be an object, not a string (\"b\")"));
    }

    @Test
    void nodeWithoutIdIsNamedByItsPlaceInTheFile() {
        List<Problem> problems = problems(withNodes(
                "  {\"id\": \"a\", \"handler\": \"echo\"}",
                "  {\"handler\": \"echo\", \"queue\": \"\"}"));

        assertThat(problems).containsExactly(
                new Problem(FILE, 4, 3, null, "dag.nodes[1].id", "is required: every node needs a unique id"),
                new Problem(FILE, 4, 32, null, "dag.nodes[1].queue", "must not be empty"));
    }

    @Test
    void missingHandlerIsReportedAtTheNode() {
        List<Problem> problems = problems(withNodes("  {\"id\": \"a\"}"));

        assertThat(problems).containsExactly(new Problem(FILE, 3, 3, "a", "handler",
                "is required: the type of work the node does, e.g. \"http\""));
    }

    @Test
    void wrongTypeNamesTheExpectedTypeAndWhatWasWritten() {
        List<Problem> problems = problems(withNodes(
                "  {\"id\": \"a\", \"handler\": \"echo\", \"timeout_seconds\": \"30\", \"queue\": 7}"));

        assertThat(problems).containsExactly(
                new Problem(FILE, 3, 53, "a", "timeout_seconds", "must be a number, not a string (\"30\")"),
                new Problem(FILE, 3, 68, "a", "queue", "must be a string, not a number (7)"));
    }

    @Test
    void dependenciesMustBeAListOfIds() {
        List<Problem> problems = problems(withNodes(
                "  {\"id\": \"a\", \"handler\": \"echo\"}",
                "  {\"id\": \"b\", \"handler\": \"echo\", \"dependencies\": \"a\"}",
                "  {\"id\": \"c\", \"handler\": \"echo\", \"dependencies\": [\"a\", 1, null, \"\"]}"));

        assertThat(problems).containsExactly(
                new Problem(FILE, 4, 50, "b", "dependencies", "must be a list of node ids, not a string (\"a\")"),
                new Problem(FILE, 5, 56, "c", "dependencies", "must list node ids (strings), not a number (1)"),
                new Problem(FILE, 5, 59, "c", "dependencies", "must list node ids (strings), not null"),
                new Problem(FILE, 5, 65, "c", "dependencies", "lists an empty node id"));
    }

    @Test
    void listingADependencyTwiceIsReported() {
        List<Problem> problems = problems(withNodes(
                "  {\"id\": \"a\", \"handler\": \"echo\"}",
                "  {\"id\": \"b\", \"handler\": \"echo\", \"dependencies\": [\"a\", \"a\"]}"));

        assertThat(problems).containsExactly(new Problem(FILE, 4, 56, "b", "dependencies", "lists 'a' twice"));
    }

    @Test
    void idsMayHoldOnlyCharactersTemplatesCanAddress() {
        List<Problem> problems = problems(withNodes(
                "  {\"id\": \"get.user\", \"handler\": \"echo\"}",
                "  {\"id\": \"step 2\", \"handler\": \"echo\"}",
                "  {\"id\": \"\u00fcber\", \"handler\": \"echo\"}",
                "  {\"id\": \"Step_2-b\", \"handler\": \"echo\"}"));

        String message = "may contain only ASCII letters, digits, '_' and '-', because templates address a node's"
                + " result as {{id.path}}";
        assertThat(problems).containsExactly(
                new Problem(FILE, 3, 10, "get.user", "id", message),
                new Problem(FILE, 4, 10, "step 2", "id", message),
                new Problem(FILE, 5, 10, "\u00fcber", "id", message));
    }

    @Test
    void workflowIsAReservedId() {
        List<Problem> problems = problems(withNodes("  {\"id\": \"workflow\", \"handler\": \"echo\"}"));

        assertThat(problems).containsExactly(new Problem(FILE, 3, 10, "workflow", "id",
                "'workflow' is reserved: templates use {{workflow.*}} for the execution's id, name and inputs"));
    }

    @Test
    void emptyIdIsRejected() {
        List<Problem> problems = problems(withNodes("  {\"id\": \"\", \"handler\": \"echo\"}"));

        assertThat(problems).containsExactly(new Problem(FILE, 3, 10, null, "dag.nodes[0].id", "must not be empty"));
    }

    @Test
    void unknownHandlerSuggestsAKnownOne() {
        WorkflowLoader strict = new WorkflowLoader(Set.of("input", "http", "output"));

        List<Problem> problems = strict.check(withNodes(
                "  {\"id\": \"a\", \"handler\": \"htpp\"}",
                "  {\"id\": \"b\", \"handler\": \"kafka\"}"), FILE);

        assertThat(problems).containsExactly(
                new Problem(FILE, 3, 26, "a", "handler", "unknown handler 'htpp', did you mean 'http'?"),
                new Problem(FILE, 4, 26, "b", "handler",
                        "unknown handler 'kafka'; known handlers: http, input, output"));
    }

    @Test
    void aLoaderWithoutKnownHandlersAcceptsAnyName() {
        assertThat(problems(withNodes("  {\"id\": \"a\", \"handler\": \"my-custom-type\"}"))).isEmpty();
    }

    @Test
    void timeoutMustBePositive() {
        List<Problem> problems = problems(withNodes(
                "  {\"id\": \"a\", \"handler\": \"echo\", \"timeout_seconds\": 0}",
                "  {\"id\": \"b\", \"handler\": \"echo\", \"timeout_seconds\": -1.5}",
                "  {\"id\": \"c\", \"handler\": \"echo\", \"timeout_seconds\": 0.25}"));

        assertThat(problems).containsExactly(
                new Problem(FILE, 3, 53, "a", "timeout_seconds", "must be greater than 0, was 0"),
                new Problem(FILE, 4, 53, "b", "timeout_seconds",
                        "must be greater than 0, was -1.5"));
    }

    @Test
    void timeoutAboveTheLimitSaysTheLimit() {
        List<Problem> problems = problems(withNodes(
                "  {\"id\": \"a\", \"handler\": \"echo\", \"timeout_seconds\": 1000000001}",
                "  {\"id\": \"b\", \"handler\": \"echo\", \"timeout_seconds\": 1e999}"));

        assertThat(problems).containsExactly(
                new Problem(FILE, 3, 53, "a", "timeout_seconds", "must be at most 1000000000, was 1000000001"),
                new Problem(FILE, 4, 53, "b", "timeout_seconds", "must be at most 1000000000, was 1e999"));
    }

    @Test
    void configMustBeAnObject() {
        List<Problem> problems = problems(withNodes("  {\"id\": \"a\", \"handler\": \"echo\", \"config\": [1]}"));

        assertThat(problems).containsExactly(new Problem(FILE, 3, 44, "a", "config", "must be an object, not a list"));
    }

    @Test
    void descriptionsMustBeText() {
        List<Problem> problems = problems("""
                {"name": "x", "description": ["no"],
                 "dag": {"nodes": [{"id": "a", "handler": "echo", "description": false}]}}""");

        assertThat(problems).containsExactly(
                new Problem(FILE, 1, 30, null, "description", "must be a string, not a list"),
                new Problem(FILE, 2, 66, "a", "description", "must be a string, not false"));
    }

    @Test
    void defaultsAreCheckedLikeNodeSettings() {
        List<Problem> problems = problems("""
                {"name": "x",
                 "defaults": {"timeout_seconds": "1m", "queues": "q", "queue": ""},
                 "dag": {"nodes": [{"id": "a", "handler": "echo"}]}}""");

        assertThat(problems).containsExactly(
                new Problem(FILE, 2, 34, null, "defaults.timeout_seconds", "must be a number, not a string (\"1m\")"),
                new Problem(FILE, 2, 40, null, "defaults", "unknown field 'queues', did you mean 'queue'?"),
                new Problem(FILE, 2, 64, null, "defaults.queue", "must not be empty"));
    }

    @Test
    void dagMustBeAnObject() {
        assertThat(problems("{\"name\": \"x\", \"dag\": [], \"defaults\": 3}")).containsExactly(
                new Problem(FILE, 1, 22, null, "dag", "must be an object, not a list"),
                new Problem(FILE, 1, 38, null, "defaults", "must be an object, not a number (3)"));
    }
}
