package io.dagflow.run;

import java.util.List;
import java.util.Map;

/**
 * How to start an execution.
 *
 * @param executionId the id to use, or null for a generated one
 * @param rerunOf the execution this one reruns, or null
 * @param reused results to take instead of running the nodes (a rerun plan), by node id
 */
public record StartOptions(
        String executionId, List<ExecutionListener> listeners, String rerunOf, Map<String, ReusedNode> reused) {

    public StartOptions {
        listeners = listeners == null ? List.of() : List.copyOf(listeners);
        reused = reused == null ? Map.of() : Map.copyOf(reused);
    }

    public static StartOptions defaults() {
        return new StartOptions(null, List.of(), null, Map.of());
    }

    public StartOptions withExecutionId(String id) {
        return new StartOptions(id, listeners, rerunOf, reused);
    }

    public StartOptions withListener(ExecutionListener listener) {
        List<ExecutionListener> all = new java.util.ArrayList<>(listeners);
        all.add(listener);
        return new StartOptions(executionId, all, rerunOf, reused);
    }

    public StartOptions asRerunOf(String original, Map<String, ReusedNode> reusedNodes) {
        return new StartOptions(executionId, listeners, original, reusedNodes);
    }
}
