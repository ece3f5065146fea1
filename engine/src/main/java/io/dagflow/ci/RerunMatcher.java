package io.dagflow.ci;

import io.dagflow.model.WorkflowStatus;
import java.util.List;
import java.util.Optional;

/**
 * Pairs the workflow calls of a rerun build with the executions of the build it reruns. A build
 * may run several workflows, some with the same name: the n-th call of a workflow reruns the
 * n-th execution of that workflow in the original build.
 */
public final class RerunMatcher {

    private RerunMatcher() {
    }

    /**
     * @param originals the original build's executions, in the order they started
     * @param occurrence how many calls of this workflow the rerun build made before this one
     */
    public static Optional<OriginalExecution> match(
            List<OriginalExecution> originals, String workflowName, int occurrence) {
        if (occurrence < 0) {
            throw new IllegalArgumentException("occurrence must not be negative, was " + occurrence);
        }
        return originals.stream()
                .filter(original -> original.workflowName().equals(workflowName))
                .skip(occurrence)
                .findFirst();
    }

    /** Whether a build whose executions ended like this has anything to rerun. */
    public static boolean worthRerunning(List<WorkflowStatus> statuses) {
        return statuses.stream().anyMatch(status -> status == WorkflowStatus.FAILED || status == WorkflowStatus.CANCELLED);
    }
}
