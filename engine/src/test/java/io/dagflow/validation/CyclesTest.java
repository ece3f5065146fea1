package io.dagflow.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CyclesTest {

    @Test
    void componentsAreExactlyTheNodesThatReachEachOther() {
        Random random = new Random(7);
        for (int round = 0; round < 40; round++) {
            DependencyGraph graph = GraphFixtures.randomGraph(random, 5 + random.nextInt(50), random.nextInt(6));
            boolean[][] reaches = GraphFixtures.reachability(graph);

            int[] component = Cycles.components(graph, new Problems("random.json"));

            for (int v = 0; v < graph.size(); v++) {
                for (int r = 0; r < graph.size(); r++) {
                    boolean together = v == r || reaches[v][r] && reaches[r][v];
                    assertThat(component[v] == component[r]).as("round %d: n%d and n%d", round, v, r)
                            .isEqualTo(together);
                    if (reaches[v][r]) {
                        assertThat(component[r]).as("a dependency is numbered no later")
                                .isLessThanOrEqualTo(component[v]);
                    }
                }
            }
        }
    }

    @Test
    void oneRealCycleIsReportedForEveryTangle() {
        Random random = new Random(11);
        for (int round = 0; round < 40; round++) {
            DependencyGraph graph = GraphFixtures.randomGraph(random, 5 + random.nextInt(8), 1 + random.nextInt(4));
            Problems problems = new Problems("random.json");

            int[] component = Cycles.components(graph, problems);

            Set<Integer> tangles = new HashSet<>();
            for (int v = 0; v < graph.size(); v++) {
                for (int r = 0; r < graph.size(); r++) {
                    if (v != r && component[v] == component[r]) {
                        tangles.add(component[v]);
                    }
                }
            }
            List<Problem> reported = problems.inFileOrder();
            assertThat(reported).hasSize(tangles.size());
            for (Problem problem : reported) {
                assertIsACycle(graph, problem.message());
            }
        }
    }

    /** Each node of the printed path depends directly on the next, and the path ends where it starts. */
    private static void assertIsACycle(DependencyGraph graph, String message) {
        String path = message.substring("dependency cycle ".length(), message.indexOf(" (each node"));
        String[] ids = path.split(" -> ");
        assertThat(ids[0]).isEqualTo(ids[ids.length - 1]);
        for (int i = 0; i + 1 < ids.length; i++) {
            int from = graph.indexOf(ids[i]);
            int to = graph.indexOf(ids[i + 1]);
            boolean edge = false;
            for (int e = graph.firstEdge(from); e < graph.endEdge(from); e++) {
                edge |= graph.target(e) == to;
            }
            assertThat(edge).as("%s depends on %s in %s", ids[i], ids[i + 1], message).isTrue();
        }
    }
}
