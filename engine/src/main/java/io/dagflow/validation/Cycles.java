package io.dagflow.validation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Finds the strongly connected components of the dependency graph (Tarjan's algorithm, written
 * with explicit stacks so that a chain of 100,000 nodes cannot overflow the call stack) and
 * reports one cycle through every component that has more than one node.
 */
final class Cycles {

    /** A cycle longer than this is printed with its middle left out. */
    private static final int LONGEST_PRINTED_CYCLE = 12;

    private final DependencyGraph graph;
    private final int[] component;
    private final int[] componentSize;
    private int componentCount;

    private Cycles(DependencyGraph graph) {
        this.graph = graph;
        this.component = new int[graph.size()];
        this.componentSize = new int[graph.size()];
    }

    /**
     * Numbers the components in an order where a node's dependencies never come after it, and
     * reports every cycle. {@code component[v]} of the result is node v's number: if node v
     * depends (transitively) on node r then {@code component[r] <= component[v]}, with equality
     * only when they are on a cycle together.
     */
    static int[] components(DependencyGraph graph, Problems problems) {
        Cycles cycles = new Cycles(graph);
        cycles.findComponents();
        cycles.reportCycles(problems);
        return cycles.component;
    }

    private void findComponents() {
        int n = graph.size();
        int[] order = new int[n];
        int[] low = new int[n];
        Arrays.fill(order, -1);
        boolean[] onStack = new boolean[n];
        int[] stack = new int[n];
        int stackSize = 0;
        int[] path = new int[n];
        int[] nextEdge = new int[n];
        int visited = 0;
        for (int start = 0; start < n; start++) {
            if (order[start] >= 0) {
                continue;
            }
            int depth = 0;
            path[depth++] = start;
            order[start] = low[start] = visited++;
            nextEdge[start] = graph.firstEdge(start);
            stack[stackSize++] = start;
            onStack[start] = true;
            while (depth > 0) {
                int v = path[depth - 1];
                if (nextEdge[v] < graph.endEdge(v)) {
                    int w = graph.target(nextEdge[v]++);
                    if (order[w] < 0) {
                        order[w] = low[w] = visited++;
                        nextEdge[w] = graph.firstEdge(w);
                        stack[stackSize++] = w;
                        onStack[w] = true;
                        path[depth++] = w;
                    } else if (onStack[w]) {
                        low[v] = Math.min(low[v], order[w]);
                    }
                    continue;
                }
                depth--;
                if (depth > 0) {
                    int parent = path[depth - 1];
                    low[parent] = Math.min(low[parent], low[v]);
                }
                if (low[v] == order[v]) {
                    int member;
                    do {
                        member = stack[--stackSize];
                        onStack[member] = false;
                        component[member] = componentCount;
                        componentSize[componentCount]++;
                    } while (member != v);
                    componentCount++;
                }
            }
        }
    }

    private void reportCycles(Problems problems) {
        boolean[] reported = new boolean[componentCount];
        int[] parent = new int[graph.size()];
        int[] parentEdge = new int[graph.size()];
        int[] queue = new int[graph.size()];
        Arrays.fill(parent, -1);
        for (int v = 0; v < graph.size(); v++) {
            int c = component[v];
            if (componentSize[c] > 1 && !reported[c]) {
                reported[c] = true;
                report(shortestCycleThrough(v, parent, parentEdge, queue), parentEdge, componentSize[c], problems);
            }
        }
    }

    /**
     * The nodes of a shortest cycle from {@code start} back to it, found breadth-first inside its
     * component; costs the component's edges, so all components together stay linear.
     * {@code parentEdge} is left holding the edge that reached each node of the cycle.
     */
    private List<Integer> shortestCycleThrough(int start, int[] parent, int[] parentEdge, int[] queue) {
        int c = component[start];
        int head = 0;
        int tail = 0;
        queue[tail++] = start;
        parent[start] = start;
        int last = -1;
        while (head < tail && last < 0) {
            int v = queue[head++];
            for (int e = graph.firstEdge(v); e < graph.endEdge(v); e++) {
                int w = graph.target(e);
                if (w == start) {
                    last = v;
                    break;
                }
                if (component[w] == c && parent[w] < 0) {
                    parent[w] = v;
                    parentEdge[w] = e;
                    queue[tail++] = w;
                }
            }
        }
        List<Integer> cycle = new ArrayList<>();
        cycle.add(start);
        for (int v = last; v != start; v = parent[v]) {
            cycle.add(v);
        }
        cycle.add(start);
        Collections.reverse(cycle);
        for (int i = 0; i < tail; i++) {
            parent[queue[i]] = -1;
        }
        return cycle;
    }

    private void report(List<Integer> cycle, int[] parentEdge, int componentNodes, Problems problems) {
        NodeDraft start = graph.node(cycle.get(0));
        List<String> ids = new ArrayList<>(cycle.size());
        for (int v : cycle) {
            ids.add(graph.node(v).id);
        }
        String message = "dependency cycle " + printed(ids) + " (each node depends on the next)";
        int others = componentNodes - (cycle.size() - 1);
        if (others > 0) {
            message += "; " + others + " more node" + (others == 1 ? " is" : "s are")
                    + " caught in cycles with these";
        }
        long at = graph.edgePosition(parentEdge[cycle.get(1)]);
        problems.add(at, start.nodeId(), start.field("dependencies"), message);
    }

    private static String printed(List<String> ids) {
        if (ids.size() <= LONGEST_PRINTED_CYCLE) {
            return String.join(" -> ", ids);
        }
        int half = LONGEST_PRINTED_CYCLE / 2;
        return String.join(" -> ", ids.subList(0, half)) + " -> ... (" + (ids.size() - 2 * half) + " more) ... -> "
                + String.join(" -> ", ids.subList(ids.size() - half, ids.size()));
    }
}
