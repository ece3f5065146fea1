package io.dagflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.model.WorkflowDefinition;
import io.dagflow.run.StartOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs a workflow and prints each node's status, attempts and duration, then the outputs."
                + " Embedded by default; with --redis this process is the orchestrator and workers may be anywhere.")
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The workflow definition (JSON).")
    Path file;

    @Mixin
    InputOptions inputs = new InputOptions();

    @Mixin
    RunOptions run = new RunOptions();

    @Mixin
    BackendOptions backend = new BackendOptions();

    @Option(names = "--any-handler",
            description = "Accept handler types this process does not know (custom ones run by other workers).")
    boolean anyHandler;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        WorkflowDefinition definition = Definitions.load(file, anyHandler ? null : run.handlers().types(), err);
        JsonNode given = inputs.toJson();
        try (Backend opened = backend.openForRun()) {
            boolean stored = opened.redis().isPresent() || backend.store != null;
            return run.execute(opened, definition,
                    (engine, progress) -> engine.start(definition, given, StartOptions.defaults().withListener(progress)),
                    out, stored);
        }
    }
}
