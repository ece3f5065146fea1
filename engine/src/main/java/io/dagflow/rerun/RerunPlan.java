package io.dagflow.rerun;

import io.dagflow.run.ReusedNode;
import io.dagflow.run.StartOptions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a rerun of an execution will reuse and what it will run again, and why.
 *
 * @param rerunOf the execution being rerun
 * @param reused results to take instead of running, by node id, in definition order
 * @param explanations one sentence per node that runs, in definition order, e.g.
 *     {@code node 'load' runs again: its config changed}
 */
public record RerunPlan(String rerunOf, Map<String, ReusedNode> reused, List<String> explanations) {

    public RerunPlan {
        reused = Collections.unmodifiableMap(new LinkedHashMap<>(reused));
        explanations = List.copyOf(explanations);
    }

    public boolean reuses(String nodeId) {
        return reused.containsKey(nodeId);
    }

    /** {@code options} made to start this rerun: it names the original and takes the reused results. */
    public StartOptions applyTo(StartOptions options) {
        return options.asRerunOf(rerunOf, reused);
    }
}
