package io.dagflow.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One node as read, before the graph checks: what it says and where it says it. */
final class NodeDraft {

    final int index;
    final long position;
    String id;
    long idPosition;
    String handler;
    final List<String> dependencies = new ArrayList<>(2);
    long[] dependencyPositions = new long[0];
    ObjectNode config;
    List<TemplateSite> templates = List.of();
    RetrySettings retry = RetrySettings.NONE;
    Duration timeout;
    Duration queueTimeout;
    String queue;
    /** Problems found while reading the node, held until its id, written anywhere in it, is known. */
    private List<Held> held;

    private record Held(long position, String field, String message) {
    }

    NodeDraft(int index, long position) {
        this.index = index;
        this.position = position;
    }

    /** The id to name this node by in problems, or null when it has none. */
    String nodeId() {
        return id;
    }

    /**
     * How problems name {@code field} of this node: relative to the node when it has an id,
     * otherwise by its place in the file, since nothing else identifies it.
     */
    String field(String field) {
        if (id != null) {
            return field;
        }
        String place = "dag.nodes[" + index + "]";
        return field == null ? place : place + "." + field;
    }

    void addDependency(String dependency, long at) {
        if (dependencyPositions.length == dependencies.size()) {
            dependencyPositions = Arrays.copyOf(dependencyPositions, Math.max(2, dependencies.size() * 2));
        }
        dependencyPositions[dependencies.size()] = at;
        dependencies.add(dependency);
    }

    void addTemplateSite(TemplateSite site) {
        if (templates.isEmpty()) {
            templates = new ArrayList<>(2);
        }
        templates.add(site);
    }

    /** Notes a problem of {@code field} (relative to the node; null for the node itself). */
    void report(long at, String field, String message) {
        if (held == null) {
            held = new ArrayList<>(2);
        }
        held.add(new Held(at, field, message));
    }

    /** Adds the problems noted while reading, now that the node is read and named if it can be. */
    void reportTo(Problems problems) {
        if (held != null) {
            for (Held problem : held) {
                problems.add(problem.position(), nodeId(), field(problem.field()), problem.message());
            }
            held = null;
        }
    }
}
