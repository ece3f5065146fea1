package io.dagflow.jenkins;

import hudson.AbortException;
import hudson.model.Run;
import io.dagflow.event.WorkflowEvent;
import io.dagflow.model.WorkflowDefinition;
import io.dagflow.rerun.RerunPlan;
import io.dagflow.rerun.RerunPlanner;
import io.dagflow.run.StartOptions;
import io.dagflow.store.Stores;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Turns a rerun build's call into a rerun of the matching execution of the original build: the
 * engine's planner decides which nodes keep their results (the call site of
 * {@link RerunPlanner}).
 */
final class Reruns {

    private Reruns() {
    }

    /**
     * The start options of a call, continuing the original execution when the build is a rerun and
     * the original build ran this workflow; unchanged otherwise.
     */
    static StartOptions apply(WorkflowCall call, WorkflowDefinition definition, StartOptions options)
            throws IOException {
        RerunRequest request = call.run().getAction(RerunRequest.class);
        if (request == null) {
            return options;
        }
        Optional<RerunRequest.Original> claimed = request.claim(definition.name());
        // Saved at once: calls made after a restart must not claim the same execution again.
        call.run().save();
        if (claimed.isEmpty()) {
            call.listener().getLogger().println("[dagflow " + definition.name() + "] " + request.getOriginalBuildId()
                    + " did not run this workflow: running every node");
            return options;
        }
        RerunRequest.Original original = claimed.get();
        Run<?, ?> originalRun = originalBuild(call.run(), request);
        Stores stores = ExecutionStores.of(originalRun, original.mode());
        List<WorkflowEvent> events = stores.events().read(original.executionId());
        if (events.isEmpty()) {
            throw new AbortException("Execution " + original.executionId() + " of " + request.getOriginalBuildId()
                    + " has no events left to rerun from");
        }
        RerunPlan plan;
        try {
            // The rerun build's own inputs: a node that reads an input whose value changed runs again.
            plan = RerunPlanner.plan(definition, events, stores.results(), Optional.empty(), call.request().inputs());
        } catch (IllegalArgumentException e) {
            throw new AbortException("Execution " + original.executionId() + " of " + request.getOriginalBuildId()
                    + " cannot be rerun: " + e.getMessage());
        }
        String prefix = "[dagflow " + definition.name() + "] ";
        call.listener().getLogger().println(prefix + "rerunning execution " + original.executionId() + " of "
                + request.getOriginalBuildId() + ": " + plan.reused().size() + " node(s) keep their results");
        plan.explanations().forEach(line -> call.listener().getLogger().println(prefix + line));
        return plan.applyTo(options);
    }

    /** The original build, which must belong to the same job as the rerun. */
    private static Run<?, ?> originalBuild(Run<?, ?> run, RerunRequest request) throws AbortException {
        Run<?, ?> original = Run.fromExternalizableId(request.getOriginalBuildId());
        if (original == null) {
            throw new AbortException(request.getOriginalBuildId() + " no longer exists: it cannot be rerun");
        }
        if (original.getParent() != run.getParent()) {
            throw new AbortException(request.getOriginalBuildId() + " belongs to another job");
        }
        return original;
    }
}
