package io.dagflow.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class UpstreamQueriesTest {

    @Test
    void answersAgreeWithAFullSearchOnRandomGraphs() {
        Random random = new Random(20_240_601);
        for (int round = 0; round < 40; round++) {
            DependencyGraph graph = GraphFixtures.randomGraph(random, 5 + random.nextInt(60), round % 2 == 0 ? 0 : 3);
            int[] component = Cycles.components(graph, new Problems("random.json"));
            boolean[][] reaches = GraphFixtures.reachability(graph);
            UpstreamQueries queries = new UpstreamQueries(graph, component);
            int count = 200;
            int[] nodes = new int[count];
            int[] roots = new int[count];
            for (int q = 0; q < count; q++) {
                nodes[q] = random.nextInt(graph.size());
                // a few popular roots, so that both the shared sweep and the single searches are used
                do {
                    roots[q] = random.nextBoolean() ? random.nextInt(3) : random.nextInt(graph.size());
                } while (roots[q] == nodes[q]);
                assertThat(queries.add(nodes[q], roots[q])).isEqualTo(q);
            }

            boolean[] answers = queries.answer();

            for (int q = 0; q < count; q++) {
                assertThat(answers[q]).as("round %d: does n%d depend on n%d?", round, nodes[q], roots[q])
                        .isEqualTo(reaches[nodes[q]][roots[q]]);
            }
        }
    }

    @Test
    void noQuestionsGiveNoAnswers() {
        DependencyGraph graph = GraphFixtures.randomGraph(new Random(1), 10, 0);

        assertThat(new UpstreamQueries(graph, Cycles.components(graph, new Problems("x"))).answer()).isEmpty();
    }
}
