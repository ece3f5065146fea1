package io.dagflow.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
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
    SourceMap configMap;
    RetrySettings retry = RetrySettings.NONE;
    Duration timeout;
    String queue;

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
}
