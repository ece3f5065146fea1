package io.dagflow.jenkins;

import hudson.model.Action;
import hudson.model.InvisibleAction;
import hudson.model.Queue;
import hudson.model.Run;
import io.dagflow.ci.OriginalExecution;
import io.dagflow.ci.RerunMatcher;
import io.dagflow.ci.RunMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Carried by a build started to rerun an earlier one: which build, and which executions it ran.
 * Each workflow call of the new build claims the execution of the same workflow it continues.
 * Only {@link DagWorkflowAction#doRerun} creates it; a step cannot name another build's executions.
 */
public final class RerunRequest extends InvisibleAction implements Queue.QueueAction {

    private final String originalBuildId;
    private final List<Original> originals;
    private final Map<String, Integer> claimed = new HashMap<>();

    private RerunRequest(String originalBuildId, List<Original> originals) {
        this.originalBuildId = originalBuildId;
        // Plain collections and classes: the action is saved with the build by XStream.
        this.originals = new ArrayList<>(originals);
    }

    static RerunRequest of(Run<?, ?> original) {
        List<Original> executions = new ArrayList<>();
        for (DagWorkflowAction action : original.getActions(DagWorkflowAction.class)) {
            executions.add(new Original(action.getWorkflowName(), action.getExecutionId(), action.getMode()));
        }
        return new RerunRequest(original.getExternalizableId(), executions);
    }

    public String getOriginalBuildId() {
        return originalBuildId;
    }

    /** The original execution the next call of this workflow continues, if the original build ran one. */
    synchronized Optional<Original> claim(String workflowName) {
        int occurrence = claimed.merge(workflowName, 1, Integer::sum) - 1;
        List<OriginalExecution> candidates = originals.stream()
                .map(original -> new OriginalExecution(original.workflowName(), original.executionId()))
                .toList();
        return RerunMatcher.match(candidates, workflowName, occurrence)
                .map(match -> originals.get(candidates.indexOf(match)));
    }

    /** Two reruns are never folded into one queue item: each was asked for. */
    @Override
    public boolean shouldSchedule(List<Action> actions) {
        return true;
    }

    /** An execution of the original build, as persisted with the new build. */
    static final class Original {
        private final String workflowName;
        private final String executionId;
        private final RunMode mode;

        Original(String workflowName, String executionId, RunMode mode) {
            this.workflowName = workflowName;
            this.executionId = executionId;
            this.mode = mode;
        }

        String workflowName() {
            return workflowName;
        }

        String executionId() {
            return executionId;
        }

        RunMode mode() {
            return mode;
        }
    }
}
