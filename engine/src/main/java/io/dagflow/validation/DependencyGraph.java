package io.dagflow.validation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The nodes of a draft numbered in file order, with their dependency edges in compressed arrays
 * (edges of node {@code v} are {@code targets[offsets[v] .. offsets[v+1])}), so that the graph
 * checks run in time linear in nodes plus edges. Building it reports repeated ids and
 * dependencies on nodes that do not exist; such edges are left out.
 */
final class DependencyGraph {

    /** Suggestions scan every id; past this many on a large graph they stop, to stay linear. */
    private static final int SUGGESTION_SCANS = 10;
    private static final int SMALL_GRAPH = 1000;

    private final List<NodeDraft> nodes;
    private final Map<String, Integer> indexById;
    private final int[] offsets;
    private final int[] targets;
    private final long[] edgePositions;
    private int suggestionScans;

    private DependencyGraph(List<NodeDraft> nodes, Map<String, Integer> indexById, int[] offsets, int[] targets,
            long[] edgePositions) {
        this.nodes = nodes;
        this.indexById = indexById;
        this.offsets = offsets;
        this.targets = targets;
        this.edgePositions = edgePositions;
    }

    static DependencyGraph build(List<NodeDraft> nodes, Problems problems) {
        Map<String, Integer> indexById = new HashMap<>(Math.max(16, nodes.size() * 2));
        int edgeCount = 0;
        for (NodeDraft node : nodes) {
            edgeCount += node.dependencies.size();
            if (node.id == null) {
                continue;
            }
            Integer first = indexById.putIfAbsent(node.id, node.index);
            if (first != null) {
                problems.add(node.idPosition, node.id, "id", "duplicate id: the node at "
                        + Position.describe(nodes.get(first).idPosition) + " already uses it");
            }
        }
        DependencyGraph graph = new DependencyGraph(nodes, indexById, new int[nodes.size() + 1],
                new int[edgeCount], new long[edgeCount]);
        graph.addEdges(problems);
        return graph;
    }

    private void addEdges(Problems problems) {
        int edge = 0;
        for (int v = 0; v < nodes.size(); v++) {
            NodeDraft node = nodes.get(v);
            offsets[v] = edge;
            for (int d = 0; d < node.dependencies.size(); d++) {
                String dependency = node.dependencies.get(d);
                Integer target = indexById.get(dependency);
                if (dependency.equals(node.id)) {
                    problems.add(node.dependencyPositions[d], node.nodeId(), node.field("dependencies"),
                            "the node depends on itself");
                } else if (target == null) {
                    problems.add(node.dependencyPositions[d], node.nodeId(), node.field("dependencies"),
                            "depends on '" + dependency + "', which is not a node" + didYouMean(dependency, node.id));
                } else {
                    targets[edge] = target;
                    edgePositions[edge] = node.dependencyPositions[d];
                    edge++;
                }
            }
        }
        offsets[nodes.size()] = edge;
    }

    int size() {
        return nodes.size();
    }

    NodeDraft node(int index) {
        return nodes.get(index);
    }

    /** The index of the (first) node with this id, or -1. */
    int indexOf(String id) {
        Integer index = indexById.get(id);
        return index == null ? -1 : index;
    }

    int firstEdge(int node) {
        return offsets[node];
    }

    int endEdge(int node) {
        return offsets[node + 1];
    }

    /** The node that edge {@code e} depends on. */
    int target(int edge) {
        return targets[edge];
    }

    /** Where the dependency of edge {@code e} is written. */
    long edgePosition(int edge) {
        return edgePositions[edge];
    }

    /** The dependents of each node: the edges reversed, in the same compressed form. */
    int[][] reversed() {
        int[] inDegree = new int[nodes.size()];
        for (int e = 0; e < offsets[nodes.size()]; e++) {
            inDegree[targets[e]]++;
        }
        int[][] dependents = new int[nodes.size()][];
        for (int v = 0; v < dependents.length; v++) {
            dependents[v] = new int[inDegree[v]];
        }
        int[] filled = new int[nodes.size()];
        for (int v = 0; v < nodes.size(); v++) {
            for (int e = offsets[v]; e < offsets[v + 1]; e++) {
                dependents[targets[e]][filled[targets[e]]++] = v;
            }
        }
        return dependents;
    }

    /**
     * {@code ", did you mean 'x'?"} naming a node id close to {@code id}, other than {@code asker}
     * (a node is never the dependency it meant), or an empty string.
     */
    String didYouMean(String id, String asker) {
        if (indexById.size() > SMALL_GRAPH && suggestionScans++ >= SUGGESTION_SCANS) {
            return "";
        }
        List<String> others = new ArrayList<>(indexById.size());
        for (NodeDraft node : nodes) {
            if (node.id != null && !node.id.equals(asker)) {
                others.add(node.id);
            }
        }
        return Suggestions.didYouMean(id, others);
    }
}
