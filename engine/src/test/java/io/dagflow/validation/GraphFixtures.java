package io.dagflow.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random dependency graphs, and reachability found the slow obvious way to check the fast answers against. */
final class GraphFixtures {

    private GraphFixtures() {
    }

    /**
     * {@code size} nodes named n0, n1, ...; each depends on a few earlier nodes, and with
     * {@code backEdges} > 0 that many dependencies on later nodes are added, which make cycles.
     */
    static DependencyGraph randomGraph(Random random, int size, int backEdges) {
        List<List<String>> dependencies = new ArrayList<>();
        for (int v = 0; v < size; v++) {
            List<String> own = new ArrayList<>();
            int count = v == 0 ? 0 : random.nextInt(Math.min(v, 3) + 1);
            for (int d = 0; d < count; d++) {
                String id = "n" + random.nextInt(v);
                if (!own.contains(id)) {
                    own.add(id);
                }
            }
            dependencies.add(own);
        }
        for (int b = 0; b < backEdges; b++) {
            int v = random.nextInt(size);
            String id = "n" + (v + 1 + random.nextInt(Math.max(1, size - v - 1))) % size;
            if (!id.equals("n" + v) && !dependencies.get(v).contains(id)) {
                dependencies.get(v).add(id);
            }
        }
        List<NodeDraft> nodes = new ArrayList<>();
        for (int v = 0; v < size; v++) {
            NodeDraft node = new NodeDraft(v, Position.of(v + 1, 1));
            node.id = "n" + v;
            node.idPosition = Position.of(v + 1, 2);
            node.dependencies.addAll(dependencies.get(v));
            node.dependencyPositions = new long[dependencies.get(v).size()];
            nodes.add(node);
        }
        return DependencyGraph.build(nodes, new Problems("random.json"));
    }

    /** {@code reaches[v][r]}: v depends on r through one or more edges. */
    static boolean[][] reachability(DependencyGraph graph) {
        boolean[][] reaches = new boolean[graph.size()][graph.size()];
        for (int v = 0; v < graph.size(); v++) {
            List<Integer> stack = new ArrayList<>(List.of(v));
            while (!stack.isEmpty()) {
                int x = stack.remove(stack.size() - 1);
                for (int e = graph.firstEdge(x); e < graph.endEdge(x); e++) {
                    int w = graph.target(e);
                    if (!reaches[v][w]) {
                        reaches[v][w] = true;
                        stack.add(w);
                    }
                }
            }
        }
        return reaches;
    }
}
