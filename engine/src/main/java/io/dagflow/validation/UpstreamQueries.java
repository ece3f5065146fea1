package io.dagflow.validation;

import java.util.Arrays;

/**
 * Answers a batch of "does node v depend, directly or through other nodes, on node r?" questions
 * without computing every node's ancestors. Component numbers (see {@link Cycles}) settle most
 * pairs at once and prune the rest: a node numbered below r cannot lead to r. A root asked about
 * by many nodes (a typical {@code input} node) has its descendants marked once; any other pair
 * gets its own pruned search.
 */
final class UpstreamQueries {

    /** From this many questions about one root, one sweep over its descendants is cheaper. */
    private static final int SHARED_SWEEP = 8;

    private final DependencyGraph graph;
    private final int[] component;
    private int[] nodes = new int[16];
    private int[] roots = new int[16];
    private int count;

    UpstreamQueries(DependencyGraph graph, int[] component) {
        this.graph = graph;
        this.component = component;
    }

    /** Adds a question about two different nodes and returns its number. */
    int add(int node, int root) {
        if (node == root) {
            throw new IllegalArgumentException("a node is not upstream of itself; ask about two nodes");
        }
        if (count == nodes.length) {
            nodes = Arrays.copyOf(nodes, count * 2);
            roots = Arrays.copyOf(roots, count * 2);
        }
        nodes[count] = node;
        roots[count] = root;
        return count++;
    }

    /** {@code answers[i]} is true when question i's node depends on its root. */
    boolean[] answer() {
        boolean[] answers = new boolean[count];
        int[] openPerRoot = new int[graph.size() + 1];
        int open = 0;
        for (int q = 0; q < count; q++) {
            int node = nodes[q];
            int root = roots[q];
            if (component[root] == component[node]) {
                answers[q] = true;
            } else if (component[root] < component[node]) {
                openPerRoot[root + 1]++;
                open++;
            }
        }
        if (open == 0) {
            return answers;
        }
        // group the open questions by root, counting-sort style: root r's are byRoot[first[r] .. first[r+1])
        int[] first = openPerRoot;
        for (int r = 0; r < graph.size(); r++) {
            first[r + 1] += first[r];
        }
        int[] byRoot = new int[open];
        int[] filled = Arrays.copyOf(first, graph.size());
        for (int q = 0; q < count; q++) {
            if (component[roots[q]] < component[nodes[q]]) {
                byRoot[filled[roots[q]]++] = q;
            }
        }
        int[] mark = new int[graph.size()];
        int[] work = new int[graph.size()];
        int[][] dependents = null;
        int sweep = 0;
        for (int root = 0; root < graph.size(); root++) {
            int questions = first[root + 1] - first[root];
            if (questions >= SHARED_SWEEP) {
                if (dependents == null) {
                    dependents = graph.reversed();
                }
                sweep++;
                int highest = highestAsker(byRoot, first[root], first[root + 1]);
                markDescendants(root, highest, dependents, mark, sweep, work);
                for (int i = first[root]; i < first[root + 1]; i++) {
                    answers[byRoot[i]] = mark[nodes[byRoot[i]]] == sweep;
                }
            } else {
                for (int i = first[root]; i < first[root + 1]; i++) {
                    answers[byRoot[i]] = searchUp(nodes[byRoot[i]], root, mark, ++sweep, work);
                }
            }
        }
        return answers;
    }

    private int highestAsker(int[] byRoot, int from, int to) {
        int highest = 0;
        for (int i = from; i < to; i++) {
            highest = Math.max(highest, component[nodes[byRoot[i]]]);
        }
        return highest;
    }

    /** Breadth-first down from {@code root}, skipping nodes numbered above every asking node. */
    private void markDescendants(int root, int highest, int[][] dependents, int[] mark, int sweep, int[] queue) {
        int head = 0;
        int tail = 0;
        queue[tail++] = root;
        mark[root] = sweep;
        while (head < tail) {
            for (int child : dependents[queue[head++]]) {
                if (mark[child] != sweep && component[child] <= highest) {
                    mark[child] = sweep;
                    queue[tail++] = child;
                }
            }
        }
    }

    /** Depth-first up the dependencies of {@code node}, skipping nodes numbered below {@code root}. */
    private boolean searchUp(int node, int root, int[] mark, int sweep, int[] stack) {
        int target = component[root];
        int size = 0;
        stack[size++] = node;
        mark[node] = sweep;
        while (size > 0) {
            int v = stack[--size];
            for (int e = graph.firstEdge(v); e < graph.endEdge(v); e++) {
                int w = graph.target(e);
                if (component[w] == target) {
                    return true;
                }
                if (component[w] > target && mark[w] != sweep) {
                    mark[w] = sweep;
                    stack[size++] = w;
                }
            }
        }
        return false;
    }
}
