package io.dagflow.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateProblemsTest {

    private static final String FILE = "workflow.json";

    private final WorkflowLoader loader = new WorkflowLoader();

    /** A workflow with the given node lines; the first node line is line 3 of the file. */
    private List<Problem> problemsOf(String... nodes) {
        return loader.check("{\"name\": \"templates\",\n \"dag\": {\"nodes\": [\n" + String.join(",\n", nodes)
                + "\n]}}", FILE);
    }

    /** A node line: {@code config} is the JSON text of its config. */
    private static String node(String id, String config, String... dependencies) {
        List<String> quoted = new ArrayList<>();
        for (String dependency : dependencies) {
            quoted.add("\"" + dependency + "\"");
        }
        return "  {\"id\": \"" + id + "\", \"handler\": \"echo\", \"dependencies\": [" + String.join(", ", quoted)
                + "], \"config\": " + config + "}";
    }

    @Test
    void readingADirectDependencyOrAnAncestorOrTheWorkflowIsFine() {
        List<Problem> problems = problemsOf(
                node("input", "{}"),
                node("get_user", "{\"url\": \"http://svc/users/{{input.user_id}}\"}", "input"),
                node("report", "{\"user\": \"{{get_user.user}}\", \"id\": \"{{input.user_id}}\", \"run\":"
                        + " \"{{workflow.id}} {{workflow.name}} {{workflow.inputs.limit}} {{workflow}}\"}",
                        "get_user"));

        assertThat(problems).isEmpty();
    }

    @Test
    void readingANodeThatIsNotUpstreamNamesTheTemplateTheNodeAndTheOtherNode() {
        List<Problem> problems = problemsOf(
                node("input", "{}"),
                node("sibling", "{}", "input"),
                node("report", "{\"body\": \"{{sibling.total}}\"}", "input"));

        assertThat(problems).containsExactly(new Problem(FILE, 5, 85, "report", "config.body",
                "template {{sibling.total}} refers to node 'sibling', which is not upstream of 'report'; add"
                        + " 'sibling' to the dependencies of 'report' (or of a node it depends on)"));
    }

    @Test
    void readingADownstreamNodeIsNotUpstream() {
        List<Problem> problems = problemsOf(
                node("first", "{\"x\": \"{{second.y}}\"}"),
                node("second", "{}", "first"));

        assertThat(problems).extracting(Problem::nodeId, Problem::message).containsExactly(
                tuple("first", "template {{second.y}} refers to node 'second', which is"
                        + " not upstream of 'first'; add 'second' to the dependencies of 'first' (or of a node it"
                        + " depends on)"));
    }

    @Test
    void templateNamingNoNodeSuggestsTheClosestId() {
        List<Problem> problems = problemsOf(
                node("get_user", "{}"),
                node("report", "{\"u\": \"{{get_usr.id}}\"}", "get_user"));

        assertThat(problems).containsExactly(new Problem(FILE, 4, 85, "report", "config.u",
                "template {{get_usr.id}} refers to node 'get_usr', which is not a node, did you mean 'get_user'?"));
    }

    @Test
    void aNodeCannotReadItsOwnResult() {
        List<Problem> problems = problemsOf(node("self", "{\"u\": \"{{self.id}}\"}"));

        assertThat(problems).extracting(Problem::message).containsExactly(
                "template {{self.id}} refers to node 'self' itself; a node can read only the results of nodes it"
                        + " depends on");
    }

    @Test
    void workflowTemplatesReadOnlyIdNameAndInputs() {
        List<Problem> problems = problemsOf(node("a", "{\"x\": \"{{workflow.nme}}\", \"y\": \"{{workflow.owner}}\","
                + " \"z\": \"{{workflow.id.part}}\"}"));

        assertThat(problems).extracting(Problem::field, Problem::message).containsExactly(
                tuple("config.x", "template {{workflow.nme}} reads 'nme' of the workflow,"
                        + " which has only id, name and inputs; did you mean {{workflow.name}}?"),
                tuple("config.y", "template {{workflow.owner}} reads 'owner' of the"
                        + " workflow, which has only id, name and inputs"),
                tuple("config.z", "template {{workflow.id.part}} reads into workflow.id,"
                        + " which is text and has no fields"));
    }

    @Test
    void templatesInKeysAndNestedListsArePlacedExactly() {
        List<Problem> problems = problemsOf(
                node("a", "{}"),
                "  {\"id\": \"b\", \"handler\": \"echo\", \"config\": {\n"
                        + "    \"headers\": {\"X-{{ghost.id}}\": \"1\"},\n"
                        + "    \"items\": [\"plain\", {\"url\": \"http://x/{{a.id}}\"}]}}");

        assertThat(problems).containsExactly(
                new Problem(FILE, 5, 17, "b", "config.headers.X-{{ghost.id}}",
                        "template {{ghost.id}} refers to node 'ghost', which is not a node"),
                new Problem(FILE, 6, 32, "b", "config.items[1].url", "template {{a.id}} refers to node 'a', which is"
                        + " not upstream of 'b'; add 'a' to the dependencies of 'b' (or of a node it depends on)"));
    }

    @Test
    void malformedAndEmptyTemplatesAreReported() {
        List<Problem> problems = problemsOf(
                node("a", "{}"),
                node("b", "{\"x\": \"{{a.items[x]}}\", \"y\": \"{{a..id}}\", \"z\": \"[{{ }}]\"}", "a"));

        assertThat(problems).extracting(Problem::message).containsExactly(
                "template {{a.items[x]}} has a malformed path: keys are separated by single dots and list indexes"
                        + " are numbers, as in items.0.id or items[0].id",
                "template {{a..id}} has a malformed path: keys are separated by single dots and list indexes are"
                        + " numbers, as in items.0.id or items[0].id",
                "template {{ }} names nothing to read; write {{node_id.path}} or {{workflow.inputs.name}}");
    }

    @Test
    void listIndexesInBothSyntaxesAreAccepted() {
        assertThat(problemsOf(node("a", "{}"),
                node("b", "{\"x\": \"{{a.items[0].id}}\", \"y\": \"{{a.items.0.id}}\"}", "a"))).isEmpty();
    }

    @Test
    void manyNodesReadingOneRootAreEachAnsweredCorrectly() {
        // enough readers of 'input' that it is answered by one sweep over its descendants
        List<String> nodes = new ArrayList<>();
        nodes.add(node("input", "{}"));
        nodes.add(node("stray", "{}"));
        String previous = "input";
        for (int i = 0; i < 12; i++) {
            nodes.add(node("step" + i, "{\"x\": \"{{input.v}}\"}", previous));
            previous = "step" + i;
        }
        nodes.add(node("orphan", "{\"x\": \"{{input.v}}\"}", "stray"));

        List<Problem> problems = problemsOf(nodes.toArray(String[]::new));

        assertThat(problems).extracting(Problem::nodeId, Problem::message).containsExactly(
                tuple("orphan", "template {{input.v}} refers to node 'input', which is"
                        + " not upstream of 'orphan'; add 'input' to the dependencies of 'orphan' (or of a node it"
                        + " depends on)"));
    }

    @Test
    void nodesOnACycleAreNotAlsoReportedForTheirTemplates() {
        List<Problem> problems = problemsOf(
                node("a", "{\"x\": \"{{b.v}}\"}", "b"),
                node("b", "{\"y\": \"{{a.v}}\"}", "a"),
                node("c", "{\"z\": \"{{a.v}}\"}", "b"));

        assertThat(problems).extracting(Problem::message)
                .containsExactly("dependency cycle a -> b -> a (each node depends on the next)");
    }
}
