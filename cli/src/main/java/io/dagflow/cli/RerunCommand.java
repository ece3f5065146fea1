package io.dagflow.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dagflow.event.WorkflowEvent;
import io.dagflow.json.Json;
import io.dagflow.model.WorkflowDefinition;
import io.dagflow.rerun.RerunPlan;
import io.dagflow.rerun.RerunPlanner;
import io.dagflow.run.EventFields;
import io.dagflow.run.StartOptions;
import io.dagflow.store.ExecutionRecord;
import io.dagflow.store.Stores;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "rerun", mixinStandardHelpOptions = true,
        description = "Runs a failed execution again as a new execution: completed nodes keep their results, "
                + "failed, blocked, cancelled and never-run nodes run.")
final class RerunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXECUTION_ID")
    String executionId;

    @Mixin
    BackendOptions backend = new BackendOptions();

    @Option(names = "--from", paramLabel = "NODE", description = "Also run this node and everything downstream of it.")
    String fromNode;

    @Option(names = "--file", paramLabel = "FILE",
            description = "Run this (edited) definition; unchanged completed nodes are still reused.")
    Path file;

    @Mixin
    InputOptions inputs = new InputOptions();

    @Mixin
    RunOptions run = new RunOptions();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Backend opened = backend.open()) {
            Stores stores = opened.stores();
            ExecutionRecord original = StoredExecutions.record(stores, executionId);
            List<WorkflowEvent> events = StoredExecutions.events(stores, executionId);
            WorkflowDefinition definition = file != null
                    ? Definitions.load(file, run.handlers().types(), err)
                    : Definitions.parseStored(events.get(0).detail(EventFields.DEFINITION));
            ObjectNode rerunInputs = original.inputs() != null && original.inputs().isObject()
                    ? ((ObjectNode) original.inputs()).deepCopy()
                    : Json.object();
            rerunInputs.setAll(inputs.toJson());
            RerunPlan plan;
            try {
                plan = RerunPlanner.plan(definition, events, stores.results(), Optional.ofNullable(fromNode),
                        rerunInputs);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            // Under --json, on standard error: standard output holds the one JSON document.
            PrintWriter notes = run.notes(out);
            notes.println("rerun of " + executionId + ": " + plan.reused().size() + " node(s) reused, "
                    + (definition.nodes().size() - plan.reused().size()) + " to run");
            plan.explanations().forEach(line -> notes.println("  " + line));
            notes.flush();
            return run.execute(opened, definition,
                    (engine, progress) -> engine.start(definition, rerunInputs,
                            plan.applyTo(StartOptions.defaults()).withListener(progress)),
                    out, true);
        }
    }
}
