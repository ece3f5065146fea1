package io.dagflow.cli;

import io.dagflow.event.WorkflowEvent;
import io.dagflow.model.WorkflowDefinition;
import io.dagflow.model.WorkflowStatus;
import io.dagflow.run.EventFields;
import io.dagflow.run.ExecutionState;
import io.dagflow.store.ExecutionRecord;
import io.dagflow.store.Stores;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Continues an execution whose orchestrator stopped (crashed, killed, lost its backend):"
                + " completed nodes are not run again, results still on their way are taken. On Redis this"
                + " process takes over the orchestrator id of the execution's owner.")
final class ResumeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXECUTION_ID")
    String executionId;

    @Mixin
    BackendOptions backend = new BackendOptions();

    @Mixin
    RunOptions run = new RunOptions();

    @Option(names = "--force",
            description = "Resume even though the owner still seems to run (its presence key is renewed).")
    boolean force;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Backend opened = backend.open()) {
            if (opened.redis().isEmpty()) {
                // The embedded engine's tasks lived in its process's memory, with the workers that ran them.
                throw new UserError("resume needs --redis; an execution of the embedded engine ended with its process:"
                        + " 'dagflow rerun " + executionId + " --store DIR' runs it again, reusing its completed nodes");
            }
            Stores stores = opened.stores();
            ExecutionRecord record = StoredExecutions.record(stores, executionId);
            List<WorkflowEvent> events = StoredExecutions.events(stores, executionId);
            WorkflowDefinition definition = Definitions.parseStored(events.get(0).detail(EventFields.DEFINITION));
            ExecutionState state = ExecutionState.replay(events, source -> definition);
            if (state.status().isTerminal()) {
                throw new UserError(ended(state));
            }
            String owner = record.owner();
            if (owner == null || owner.isBlank()) {
                throw new UserError("execution " + executionId + " names no owning orchestrator to take over");
            }
            if (run.orchestratorId != null && !run.orchestratorId.equals(owner)) {
                throw new UserError("resume takes over the orchestrator id of the execution's owner (" + owner
                        + "), where its results arrive; leave out --orchestrator-id");
            }
            if (!force) {
                OwnerSilence.await(opened.redis().get(), owner, run.notes(out));
            }
            long done = definition.nodes().stream().filter(node -> state.nodeStatus(node.id()).isTerminal()).count();
            // Under --json, on standard error: standard output holds the one JSON document.
            PrintWriter notes = run.notes(out);
            notes.println("resuming " + executionId + " (workflow '" + record.workflowName() + "', " + state.status()
                    + ", " + done + " of " + definition.nodes().size() + " node(s) finished, owner " + owner + ")");
            notes.flush();
            return run.takeOver(opened.redis().get(), owner, definition,
                    (engine, progress) -> engine.resume(executionId, List.of(progress)), out);
        }
    }

    private String ended(ExecutionState state) {
        String text = "execution " + executionId + " already ended " + state.status() + " at "
                + Instant.ofEpochMilli(state.finishedAt()) + ": there is nothing to resume";
        return state.status() == WorkflowStatus.COMPLETED ? text
                : text + "; 'dagflow rerun " + executionId + " --redis URL' runs what did not complete again";
    }
}
