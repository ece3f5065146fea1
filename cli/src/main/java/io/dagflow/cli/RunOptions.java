package io.dagflow.cli;

import io.dagflow.handler.HandlerRegistry;
import io.dagflow.model.WorkflowDefinition;
import io.dagflow.redis.RedisBackend;
import io.dagflow.worker.Secrets;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Options of the commands that run an execution (run, rerun, resume), and running it on the chosen backend. */
final class RunOptions {

    @Option(names = "--workers", defaultValue = "4",
            description = "Tasks run at once in this process (default: ${DEFAULT-VALUE}). With --redis, 0 leaves"
                    + " every task to 'dagflow worker' processes.")
    int workers;

    @Option(names = "--json", description = "Print one JSON document with every node and the outputs.")
    boolean json;

    @Option(names = "--timeline", paramLabel = "FILE.html", description = "Write the execution's HTML timeline to this file.")
    Path timeline;

    @Option(names = "--secrets-file", paramLabel = "FILE",
            description = "A JSON object of secret names and values for {{secrets.NAME}} (besides DAGFLOW_SECRET_<NAME>).")
    Path secretsFile;

    @Option(names = "--allow-command", description = "Let the 'command' handler run processes.")
    boolean allowCommand;

    @Option(names = "--handlers", paramLabel = "JAR", split = ",", description = "Jars with custom handlers (META-INF/services).")
    List<Path> handlerJars = new ArrayList<>();

    @Option(names = "--orchestrator-id", paramLabel = "ID",
            description = "With --redis: this orchestrator's name, where workers send results and what 'resume' takes"
                    + " over (default: generated from host and process id).")
    String orchestratorId;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    private HandlerRegistry handlers;

    /**
     * Where progress and notes go: with {@code --json} standard error, so that standard output
     * holds one JSON document.
     */
    PrintWriter notes(PrintWriter out) {
        return json ? command.commandLine().getErr() : out;
    }

    /** The secrets of the task slots of this process: see {@link SecretsFile}. */
    Secrets secrets() {
        return SecretsFile.load(secretsFile);
    }

    HandlerRegistry handlers() {
        if (handlers == null) {
            handlers = Handlers.load(allowCommand, handlerJars);
        }
        return handlers;
    }

    String orchestratorId() {
        return orchestratorId != null ? orchestratorId : ProcessIds.generate("orchestrator");
    }

    /** Continues an execution on Redis as the orchestrator {@code owner}, which was checked to have stopped. */
    int takeOver(RedisBackend redis, String owner, WorkflowDefinition definition,
            ExecutionStarter starter, PrintWriter out) throws InterruptedException, IOException {
        return DistributedRun.run(redis, handlers(), secrets(), workers, owner, true, definition, starter,
                new ExecutionOutput(json, timeline, out, notes(out), true));
    }

    /**
     * Runs a new execution of {@code definition}: on Redis with this process as a new
     * orchestrator, or on the embedded engine over the backend's stores.
     */
    int execute(Backend backend, WorkflowDefinition definition, ExecutionStarter starter, PrintWriter out,
            boolean storedBeyondThisProcess) throws InterruptedException, IOException {
        ExecutionOutput output = new ExecutionOutput(json, timeline, out, notes(out), storedBeyondThisProcess);
        if (backend.redis().isPresent()) {
            boolean oneOff = orchestratorId == null;
            return DistributedRun.run(backend.redis().get(), handlers(), secrets(), workers, orchestratorId(), oneOff, false,
                    definition, starter, output);
        }
        if (orchestratorId != null) {
            throw new UserError("--orchestrator-id names an orchestrator on Redis; it needs --redis");
        }
        return EmbeddedRun.run(handlers(), secrets(), backend.stores(), workers, starter, output);
    }
}
