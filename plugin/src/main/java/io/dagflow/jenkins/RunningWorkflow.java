package io.dagflow.jenkins;

import hudson.console.ModelHyperlinkNote;
import hudson.model.Computer;
import hudson.model.TaskListener;
import io.dagflow.report.ConsoleLines;
import io.dagflow.report.ExecutionSummary;
import io.dagflow.run.ExecutionHandle;
import io.dagflow.run.ExecutionListener;
import io.dagflow.run.ExecutionResult;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A workflow a build is running. When the execution ends, its outcome is recorded on the build
 * page and in the console and the engine is released, on a Jenkins thread rather than the
 * engine's: only then does {@link #finished()} complete.
 */
final class RunningWorkflow {

    private static final Logger LOGGER = Logger.getLogger(RunningWorkflow.class.getName());

    private final ExecutionHandle handle;
    private final CompletableFuture<ExecutionResult> finished;

    RunningWorkflow(ExecutionHandle handle, EngineLease lease, DagWorkflowAction action, TaskListener listener,
            ConsoleLines lines) {
        this.handle = handle;
        this.finished = handle.completion().handleAsync((result, error) -> {
            try {
                record(action, listener, lines, result, error);
            } finally {
                lease.close();
            }
            if (error != null) {
                throw error instanceof CompletionException completion ? completion : new CompletionException(error);
            }
            return result;
        }, Computer.threadPoolForRemoting);
    }

    /** Prints each event of the execution on the build's console as it is stored. */
    static ExecutionListener console(TaskListener listener, ConsoleLines lines) {
        return event -> lines.format(event).ifPresent(listener.getLogger()::println);
    }

    String executionId() {
        return handle.executionId();
    }

    /** Asks the execution to stop; {@link #finished()} completes once it has. */
    void cancel(String reason) {
        handle.cancel(reason);
    }

    CompletableFuture<ExecutionResult> finished() {
        return finished;
    }

    private static void record(DagWorkflowAction action, TaskListener listener, ConsoleLines lines,
            ExecutionResult result, Throwable error) {
        try {
            if (result != null) {
                action.finished(result);
                listener.getLogger().println(lines.message(ExecutionSummary.headline(result)));
            } else {
                action.broken(String.valueOf(error));
                listener.getLogger().println(lines.message("execution " + action.getExecutionId() + " stopped: "
                        + error));
            }
            listener.getLogger().println(lines.message("timeline: " + ModelHyperlinkNote.encodeTo(
                    "/" + action.getRun().getUrl() + action.getUrlName(), action.getDisplayName())));
        } catch (IOException | RuntimeException e) {
            // The outcome still reaches the step; only the build page misses it.
            LOGGER.log(Level.WARNING, "could not record the end of execution " + action.getExecutionId(), e);
        }
    }
}
