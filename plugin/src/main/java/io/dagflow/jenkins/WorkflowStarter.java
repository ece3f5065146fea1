package io.dagflow.jenkins;

import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.dagflow.ci.RunMode;
import io.dagflow.model.WorkflowDefinition;
import io.dagflow.report.ConsoleLines;
import io.dagflow.run.ExecutionHandle;
import io.dagflow.run.StartOptions;
import io.dagflow.store.ExecutionRecord;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** Starts a call's workflow, or takes a running one over after a restart. */
final class WorkflowStarter {

    private WorkflowStarter() {
    }

    /** Reads and checks the definition, then starts it; blocking work, never on a CPS VM thread. */
    static RunningWorkflow start(WorkflowCall call) throws IOException, InterruptedException {
        String text = call.readDefinition();
        EngineLease lease = lease(call.mode(), call.run());
        try {
            WorkflowDefinition definition = Definitions.parse(text, call.request().source().displayName(),
                    lease.knownHandlers());
            ConsoleLines lines = ConsoleLines.forWorkflow(definition.name());
            StartOptions options = StartOptions.defaults()
                    .withExecutionId(call.executionId())
                    .withListener(RunningWorkflow.console(call.listener(), lines));
            options = Reruns.apply(call, definition, options);
            DagWorkflowAction action = DagWorkflowAction.attach(call.run(), call.executionId(), definition.name(),
                    call.mode(), options.rerunOf());
            ExecutionHandle handle;
            try {
                handle = lease.engine().start(definition, call.request().inputs(), options);
            } catch (RuntimeException e) {
                action.broken(e.toString());
                throw new AbortException("Workflow '" + definition.name() + "' could not start: " + e.getMessage());
            }
            return new RunningWorkflow(handle, lease, action, call.listener(), lines);
        } catch (IOException | RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    /**
     * Takes over an execution this build started before Jenkins restarted: it continues from its
     * stored events, and completed nodes do not run again.
     */
    static RunningWorkflow resume(Run<?, ?> run, TaskListener listener, RunMode mode, String executionId)
            throws AbortException {
        DagWorkflowAction action = run.getActions(DagWorkflowAction.class).stream()
                .filter(candidate -> candidate.getExecutionId().equals(executionId))
                .findFirst()
                .orElseThrow(() -> new AbortException("The workflow had not started when Jenkins stopped:"
                        + " run the build again"));
        EngineLease lease = lease(mode, run);
        try {
            Optional<ExecutionRecord> record = lease.engine().stores().executions().find(executionId);
            if (record.isEmpty()) {
                throw new AbortException("Execution " + executionId + " was not stored before Jenkins stopped:"
                        + " run the build again");
            }
            ConsoleLines lines = ConsoleLines.forWorkflow(action.getWorkflowName());
            listener.getLogger().println(lines.message("resuming execution " + executionId));
            ExecutionHandle handle = lease.engine().resume(executionId,
                    List.of(RunningWorkflow.console(listener, lines)));
            return new RunningWorkflow(handle, lease, action, listener, lines);
        } catch (AbortException | RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    private static EngineLease lease(RunMode mode, Run<?, ?> run) throws AbortException {
        if (mode != RunMode.REDIS) {
            return EmbeddedEngines.lease(run);
        }
        EngineLease lease = RedisEngines.get().lease();
        try {
            RedisConnector.track(run, DagflowConfiguration.get().redisSettings());
        } catch (AbortException | RuntimeException e) {
            lease.close();
            throw e;
        }
        return lease;
    }
}
