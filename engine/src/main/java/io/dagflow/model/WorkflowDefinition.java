package io.dagflow.model;

import java.time.Duration;
import java.util.List;

/**
 * A workflow as written: a name and its nodes. Build a {@link Dag} from it to run it.
 *
 * @param source the definition's JSON text as read, kept so that executions can be rerun and
 *     resumed from exactly what was started
 * @param deadline how long an execution may run before it fails and its running nodes are
 *     cancelled, or null for no limit
 */
public record WorkflowDefinition(String name, List<NodeDefinition> nodes, String source, Duration deadline) {

    public WorkflowDefinition {
        nodes = List.copyOf(nodes);
    }

    /** A workflow without a deadline. */
    public WorkflowDefinition(String name, List<NodeDefinition> nodes, String source) {
        this(name, nodes, source, null);
    }
}
