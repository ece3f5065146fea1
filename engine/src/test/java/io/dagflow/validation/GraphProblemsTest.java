package io.dagflow.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphProblemsTest {

    private static final String FILE = "workflow.json";

    private final WorkflowLoader loader = new WorkflowLoader();

    /** A workflow with the given node lines; the first node line is line 3 of the file. */
    private List<Problem> problemsOf(String... nodes) {
        return loader.check("{\"name\": \"graph\",\n \"dag\": {\"nodes\": [\n" + String.join(",\n", nodes) + "\n]}}",
                FILE);
    }

    private static String node(String id, String... dependencies) {
        List<String> quoted = new ArrayList<>();
        for (String dependency : dependencies) {
            quoted.add("\"" + dependency + "\"");
        }
        return "  {\"id\": \"" + id + "\", \"handler\": \"echo\", \"dependencies\": ["
                + String.join(", ", quoted) + "]}";
    }

    @Test
    void duplicateIdNamesWhereItWasFirstUsed() {
        List<Problem> problems = problemsOf(node("fetch"), node("other"), node("fetch"));

        assertThat(problems).containsExactly(new Problem(FILE, 5, 10, "fetch", "id",
                "duplicate id: the node at line 3, column 10 already uses it"));
    }

    @Test
    void dependencyOnAMissingNodeNamesBothNodes() {
        List<Problem> problems = problemsOf(node("input"), node("get_user", "input", "fetch"));

        assertThat(problems).containsExactly(new Problem(FILE, 4, 67, "get_user", "dependencies",
                "depends on 'fetch', which is not a node"));
    }

    @Test
    void dependencyOnAMisspeltNodeSuggestsTheClosestId() {
        List<Problem> problems = problemsOf(node("fetch_user"), node("report", "fetch_usr"));

        assertThat(problems).extracting(Problem::message)
                .containsExactly("depends on 'fetch_usr', which is not a node, did you mean 'fetch_user'?");
    }

    @Test
    void aNodeThatDependsOnItselfIsReported() {
        List<Problem> problems = problemsOf(node("loop", "loop"));

        assertThat(problems).containsExactly(
                new Problem(FILE, 3, 54, "loop", "dependencies", "the node depends on itself"));
    }

    @Test
    void cycleIsPrintedAsAPathBackToItsStart() {
        List<Problem> problems = problemsOf(node("input"), node("a", "input", "c"), node("b", "a"), node("c", "b"));

        assertThat(problems).containsExactly(new Problem(FILE, 4, 60, "a", "dependencies",
                "dependency cycle a -> c -> b -> a (each node depends on the next)"));
    }

    @Test
    void everySeparateCycleIsReported() {
        List<Problem> problems = problemsOf(node("a", "b"), node("b", "a"), node("c", "d"), node("d", "c"),
                node("after", "a", "c"));

        assertThat(problems).extracting(Problem::nodeId, Problem::message).containsExactly(
                tuple("a", "dependency cycle a -> b -> a (each node depends on the next)"),
                tuple("c", "dependency cycle c -> d -> c (each node depends on the next)"));
    }

    @Test
    void nodesCaughtInTheSameTangleAreCountedNotRepeated() {
        List<Problem> problems = problemsOf(node("a", "b"), node("b", "a", "c"), node("c", "b"));

        assertThat(problems).extracting(Problem::message).containsExactly(
                "dependency cycle a -> b -> a (each node depends on the next); 1 more node is caught in cycles with"
                        + " these");
    }

    @Test
    void aVeryLongCycleIsAbbreviated() {
        List<String> nodes = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            nodes.add(node("n" + i, "n" + ((i + 1) % 30)));
        }

        List<Problem> problems = problemsOf(nodes.toArray(String[]::new));

        assertThat(problems).extracting(Problem::message).containsExactly("dependency cycle n0 -> n1 -> n2 -> n3 -> n4"
                + " -> n5 -> ... (19 more) ... -> n25 -> n26 -> n27 -> n28 -> n29 -> n0"
                + " (each node depends on the next)");
    }

    @Test
    void aNodeWithoutIdStillHasItsDependenciesChecked() {
        List<Problem> problems = problemsOf(node("a"),
                "  {\"handler\": \"echo\", \"dependencies\": [\"a\", \"ghost\"]}");

        assertThat(problems).containsExactly(
                new Problem(FILE, 4, 3, null, "dag.nodes[1].id", "is required: every node needs a unique id"),
                new Problem(FILE, 4, 45, null, "dag.nodes[1].dependencies", "depends on 'ghost', which is not a node"));
    }

    @Test
    void diamondsAndSharedAncestorsAreNotCycles() {
        assertThat(problemsOf(node("input"), node("left", "input"), node("right", "input"),
                node("join", "left", "right", "input"))).isEmpty();
    }
}
