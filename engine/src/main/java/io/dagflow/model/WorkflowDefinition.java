package io.dagflow.model;

import java.util.List;

/**
 * A workflow as written: a name and its nodes. Build a {@link Dag} from it to run it.
 *
 * @param source the definition's JSON text as read, kept so that executions can be rerun and
 *     resumed from exactly what was started
 */
public record WorkflowDefinition(String name, List<NodeDefinition> nodes, String source) {

    public WorkflowDefinition {
        nodes = List.copyOf(nodes);
    }
}
