package io.dagflow.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.dagflow.model.Dag;
import io.dagflow.model.WorkflowDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Definitions far larger than anyone writes by hand: no stack overflow, every check still made. */
class LargeDefinitionTest {

    private static final int NODES = 100_000;

    private final WorkflowLoader loader = new WorkflowLoader();

    private static StringBuilder start(String name) {
        return new StringBuilder("{\"name\": \"" + name + "\", \"dag\": {\"nodes\": [\n"
                + "{\"id\": \"n0\", \"handler\": \"input\"}");
    }

    private static String end(StringBuilder json) {
        return json.append("\n]}}").toString();
    }

    /** n0 <- n1 <- ... ; node i reads its parent, the input, and the node three back. */
    private static String chain(int nodes) {
        StringBuilder json = start("chain");
        for (int i = 1; i < nodes; i++) {
            json.append(",\n{\"id\": \"n").append(i).append("\", \"handler\": \"http\", \"dependencies\": [\"n")
                    .append(i - 1).append("\"], \"config\": {\"url\": \"http://svc/{{n").append(i - 1)
                    .append(".id}}/{{n0.user}}/{{n").append(Math.max(0, i - 3)).append(".x}}\"}}");
        }
        return end(json);
    }

    @Test
    void aChainOfAHundredThousandNodesValidates() throws Exception {
        WorkflowDefinition definition = loader.parse(chain(NODES), "chain.json");

        Dag dag = Dag.of(definition);
        assertThat(dag.size()).isEqualTo(NODES);
        assertThat(dag.node(NODES - 1).dependencies()).containsExactly("n" + (NODES - 2));
        assertThat(dag.downstreamOf(0)).hasSize(NODES - 1);
    }

    @Test
    void aTemplateAtTheEndOfALongChainReadingABranchOffItIsFound() {
        String source = chain(NODES).replace("\n]}}", ",\n{\"id\": \"side\", \"handler\": \"http\"},\n"
                + "{\"id\": \"last\", \"handler\": \"http\", \"dependencies\": [\"n" + (NODES - 1) + "\"], "
                + "\"config\": {\"a\": \"{{n0.id}}\", \"b\": \"{{side.id}}\"}}\n]}}");

        List<Problem> problems = loader.check(source, "chain.json");

        assertThat(problems).extracting(Problem::nodeId, Problem::field).containsExactly(
                tuple("last", "config.b"));
    }

    @Test
    void aWideDefinitionWithOneNodeJoiningAllOthersValidates() throws Exception {
        StringBuilder json = start("wide");
        StringBuilder all = new StringBuilder();
        for (int i = 1; i < NODES - 1; i++) {
            json.append(",\n{\"id\": \"n").append(i).append("\", \"handler\": \"http\", \"dependencies\": [\"n0\"],"
                    + " \"config\": {\"url\": \"http://svc/{{n0.id}}\"}}");
            all.append(i == 1 ? "" : ", ").append("\"n").append(i).append('"');
        }
        json.append(",\n{\"id\": \"join\", \"handler\": \"output\", \"dependencies\": [").append(all)
                .append("], \"config\": {\"first\": \"{{n1.v}}\", \"last\": \"{{n").append(NODES - 2)
                .append(".v}}\", \"input\": \"{{n0.v}}\"}}");

        WorkflowDefinition definition = loader.parse(end(json), "wide.json");

        Dag dag = Dag.of(definition);
        assertThat(dag.size()).isEqualTo(NODES);
        assertThat(dag.dependentsOf(0)).hasSize(NODES - 2);
        assertThat(dag.node("join").dependencies()).hasSize(NODES - 2);
    }

    @Test
    void aCycleThroughAHundredThousandNodesIsReportedOnce() {
        StringBuilder json = new StringBuilder("{\"name\": \"ring\", \"dag\": {\"nodes\": [\n");
        for (int i = 0; i < NODES; i++) {
            json.append(i == 0 ? "" : ",\n").append("{\"id\": \"n").append(i).append("\", \"handler\": \"http\","
                    + " \"dependencies\": [\"n").append((i + 1) % NODES).append("\"]}");
        }

        List<Problem> problems = loader.check(end(json), "ring.json");

        assertThat(problems).containsExactly(new Problem("ring.json", 2, 50, "n0", "dependencies",
                "dependency cycle n0 -> n1 -> n2 -> n3 -> n4 -> n5 -> ... (" + (NODES + 1 - 12) + " more) ..."
                        + " -> n99995 -> n99996"
                        + " -> n99997 -> n99998 -> n99999 -> n0 (each node depends on the next)"));
    }

    @Test
    void aHundredThousandMissingDependenciesAreAllReported() {
        StringBuilder json = start("dangling");
        for (int i = 1; i < NODES; i++) {
            json.append(",\n{\"id\": \"n").append(i).append("\", \"handler\": \"http\", \"dependencies\": [\"m")
                    .append(i).append("\"]}");
        }

        List<Problem> problems = loader.check(end(json), "dangling.json");

        assertThat(problems).hasSize(NODES - 1);
        assertThat(problems.get(0).format()).isEqualTo(
                "dangling.json:3:50: node 'n1', field 'dependencies': depends on 'm1', which is not a node");
    }
}
