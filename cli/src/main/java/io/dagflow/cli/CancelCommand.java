package io.dagflow.cli;

import io.dagflow.redis.RedisBackend;
import io.dagflow.run.WorkflowEngine;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = "Asks the orchestrator that runs an execution on Redis to cancel it: running and pending"
                + " nodes become CANCELLED. Returns once the request is sent.")
final class CancelCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXECUTION_ID")
    String executionId;

    @Mixin
    RedisOptions redis = new RedisOptions();

    @Option(names = "--reason", paramLabel = "TEXT", defaultValue = "cancelled from the command line",
            description = "Why, as recorded in the execution (default: ${DEFAULT-VALUE}).")
    String reason;

    @Override
    public Integer call() {
        if (!redis.given()) {
            throw new UserError("cancel needs --redis URL: only an orchestrator on Redis can be reached from here"
                    + " (stop an embedded run with Ctrl-C)");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (RedisBackend backend = redis.connect()) {
            String owner;
            try {
                owner = WorkflowEngine.requestCancel(backend.transport(), backend.stores(), executionId, reason);
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new UserError(e.getMessage());
            }
            out.println("cancel of " + executionId + " requested from orchestrator " + owner);
            return Main.COMPLETED;
        }
    }
}
