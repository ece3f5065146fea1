package io.dagflow.cli;

import io.dagflow.run.ExecutionResult;
import io.dagflow.store.Stores;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Shows one execution and its nodes, rebuilt from its events.")
final class ShowCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXECUTION_ID")
    String executionId;

    @Mixin
    BackendOptions backend = new BackendOptions();

    @Option(names = "--json", description = "Print one JSON document, as 'run --json' does.")
    boolean json;

    @Override
    public Integer call() {
        Stores stores = backend.openStores();
        ExecutionResult result = StoredExecutions.load(stores, executionId);
        PrintWriter out = spec.commandLine().getOut();
        ResultPrinter.print(result, json, out);
        return Main.COMPLETED;
    }
}
