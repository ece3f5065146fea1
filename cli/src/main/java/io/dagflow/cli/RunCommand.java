package io.dagflow.cli;

import io.dagflow.handler.HandlerRegistry;
import io.dagflow.model.WorkflowDefinition;
import io.dagflow.run.StartOptions;
import io.dagflow.store.Stores;
import io.dagflow.store.file.FileStores;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs a workflow and prints each node's status, attempts and duration, then the outputs.")
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The workflow definition (JSON).")
    Path file;

    @Mixin
    InputOptions inputs = new InputOptions();

    @Option(names = "--workers", defaultValue = "4", description = "Tasks run at once in this process (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--json", description = "Print one JSON document with every node and the outputs.")
    boolean json;

    @Option(names = "--store", paramLabel = "DIR", description = "Keep the execution in this directory (history, timeline, rerun).")
    Path store;

    @Option(names = "--timeline", paramLabel = "FILE.html", description = "Write the execution's HTML timeline to this file.")
    Path timeline;

    @Option(names = "--allow-command", description = "Let the 'command' handler run processes.")
    boolean allowCommand;

    @Option(names = "--handlers", paramLabel = "JAR", split = ",", description = "Jars with custom handlers (META-INF/services).")
    List<Path> handlerJars = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        HandlerRegistry handlers = Handlers.load(allowCommand, handlerJars);
        WorkflowDefinition definition = Definitions.load(file, handlers.types(), err);
        Stores stores = store == null ? Stores.inMemory() : FileStores.open(store);
        return EmbeddedRun.run(handlers, stores, workers, definition, inputs.toJson(), StartOptions.defaults(), json,
                timeline, out);
    }
}
