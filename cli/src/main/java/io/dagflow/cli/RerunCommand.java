package io.dagflow.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dagflow.event.WorkflowEvent;
import io.dagflow.handler.HandlerRegistry;
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
import java.util.ArrayList;
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

    @Option(names = "--workers", defaultValue = "4", description = "Tasks run at once in this process (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--json", description = "Print one JSON document, as 'run --json' does.")
    boolean json;

    @Option(names = "--timeline", paramLabel = "FILE.html", description = "Write the new execution's HTML timeline.")
    Path timeline;

    @Option(names = "--allow-command", description = "Let the 'command' handler run processes.")
    boolean allowCommand;

    @Option(names = "--handlers", paramLabel = "JAR", split = ",", description = "Jars with custom handlers.")
    List<Path> handlerJars = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Stores stores = backend.openStores();
        ExecutionRecord original = StoredExecutions.record(stores, executionId);
        List<WorkflowEvent> events = StoredExecutions.events(stores, executionId);
        HandlerRegistry handlers = Handlers.load(allowCommand, handlerJars);
        WorkflowDefinition definition = file != null
                ? Definitions.load(file, handlers.types(), err)
                : Definitions.parseStored(events.get(0).detail(EventFields.DEFINITION));
        RerunPlan plan;
        try {
            plan = RerunPlanner.plan(definition, events, stores.results(), Optional.ofNullable(fromNode));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        if (!json) {
            out.println("rerun of " + executionId + ": " + plan.reused().size() + " node(s) reused, "
                    + (definition.nodes().size() - plan.reused().size()) + " to run");
            plan.explanations().forEach(line -> out.println("  " + line));
        }
        ObjectNode rerunInputs = original.inputs() != null && original.inputs().isObject()
                ? ((ObjectNode) original.inputs()).deepCopy()
                : Json.object();
        rerunInputs.setAll(inputs.toJson());
        StartOptions options = plan.applyTo(StartOptions.defaults());
        return EmbeddedRun.run(handlers, stores, workers, definition, rerunInputs, options, json, timeline, out);
    }
}
