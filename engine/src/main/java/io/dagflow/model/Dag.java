package io.dagflow.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated workflow indexed for scheduling: nodes are numbered, and each node knows its
 * dependents, so that finishing a node costs only its out-degree, never a scan of the DAG.
 * Immutable and shared by every execution of the same definition.
 */
public final class Dag {

    private final WorkflowDefinition definition;
    private final NodeDefinition[] nodes;
    private final Map<String, Integer> indexById;
    private final int[][] dependents;
    private final int[][] dependencies;

    private Dag(WorkflowDefinition definition) {
        this.definition = definition;
        this.nodes = definition.nodes().toArray(NodeDefinition[]::new);
        this.indexById = new HashMap<>(nodes.length * 2);
        for (int i = 0; i < nodes.length; i++) {
            if (indexById.put(nodes[i].id(), i) != null) {
                throw new IllegalArgumentException("duplicate node id '" + nodes[i].id() + "'");
            }
        }
        this.dependencies = new int[nodes.length][];
        int[] outDegree = new int[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            List<String> deps = nodes[i].dependencies();
            int[] ids = new int[deps.size()];
            for (int d = 0; d < ids.length; d++) {
                Integer parent = indexById.get(deps.get(d));
                if (parent == null) {
                    throw new IllegalArgumentException(
                            "node '" + nodes[i].id() + "' depends on unknown node '" + deps.get(d) + "'");
                }
                ids[d] = parent;
                outDegree[parent]++;
            }
            dependencies[i] = ids;
        }
        this.dependents = new int[nodes.length][];
        for (int i = 0; i < nodes.length; i++) {
            dependents[i] = new int[outDegree[i]];
        }
        int[] filled = new int[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            for (int parent : dependencies[i]) {
                dependents[parent][filled[parent]++] = i;
            }
        }
    }

    /**
     * Indexes a definition. It must already have passed validation: this checks only what it
     * needs to build the index (unique ids, known dependencies).
     */
    public static Dag of(WorkflowDefinition definition) {
        return new Dag(definition);
    }

    public WorkflowDefinition definition() {
        return definition;
    }

    public String name() {
        return definition.name();
    }

    public int size() {
        return nodes.length;
    }

    public NodeDefinition node(int index) {
        return nodes[index];
    }

    public NodeDefinition node(String id) {
        Integer index = indexById.get(id);
        if (index == null) {
            throw new IllegalArgumentException("no node '" + id + "' in workflow '" + name() + "'");
        }
        return nodes[index];
    }

    public boolean contains(String id) {
        return indexById.containsKey(id);
    }

    public int indexOf(String id) {
        Integer index = indexById.get(id);
        return index == null ? -1 : index;
    }

    /** Indexes of the nodes that depend directly on {@code index}. Do not modify. */
    public int[] dependentsOf(int index) {
        return dependents[index];
    }

    /** Indexes of the nodes {@code index} depends on directly. Do not modify. */
    public int[] dependenciesOf(int index) {
        return dependencies[index];
    }

    public List<NodeDefinition> nodes() {
        return Collections.unmodifiableList(Arrays.asList(nodes));
    }

    /** Every node reachable downstream of {@code index}, each once, in breadth-first order. */
    public List<Integer> downstreamOf(int index) {
        boolean[] seen = new boolean[nodes.length];
        List<Integer> order = new ArrayList<>();
        int[] queue = new int[nodes.length];
        int head = 0;
        int tail = 0;
        queue[tail++] = index;
        while (head < tail) {
            for (int child : dependents[queue[head++]]) {
                if (!seen[child]) {
                    seen[child] = true;
                    order.add(child);
                    queue[tail++] = child;
                }
            }
        }
        return order;
    }
}
