package io.dagflow.cli;

import io.dagflow.handler.HandlerRegistry;
import io.dagflow.model.WorkflowStatus;
import io.dagflow.report.EventLine;
import io.dagflow.run.ExecutionHandle;
import io.dagflow.run.ExecutionListener;
import io.dagflow.run.ExecutionResult;
import io.dagflow.store.Stores;
import io.dagflow.timeline.TimelineBuilder;
import io.dagflow.timeline.TimelineHtml;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How a command that runs an execution shows it: a line per event while it runs, then the
 * outcome as a table or JSON, and the exit code. Interrupting the process (Ctrl-C, SIGTERM)
 * cancels the execution and kills the processes of its command nodes running here.
 *
 * @param notes where progress lines and notes go: standard error with {@code --json}, so that
 *     standard output holds the JSON document alone
 * @param resumable whether the execution's state outlives this process, so that an execution
 *     that stopped on a backend failure can be resumed
 */
record ExecutionOutput(boolean json, Path timelineHtml, PrintWriter out, PrintWriter notes, boolean resumable) {

    /**
     * How long an interrupted process waits for its execution to record the cancellation: longer
     * than the time workers have to confirm a cancel (10 s), so that the history is complete.
     */
    private static final long CANCEL_WAIT_SECONDS = 15;

    ExecutionListener progress() {
        return event -> {
            String line = EventLine.format(event);
            if (line != null) {
                notes.println(line);
                notes.flush();
            }
        };
    }

    /** A line of context before the progress lines. */
    void note(String line) {
        notes.println(line);
        notes.flush();
    }

    /**
     * Waits for the execution, prints its outcome, and returns the exit code.
     *
     * @param handlers the handlers that run tasks in this process: when interrupted, the
     *     processes of its command nodes are killed once the cancellation is recorded
     */
    int await(ExecutionHandle handle, Stores stores, HandlerRegistry handlers) throws InterruptedException, IOException {
        Thread cancelOnInterrupt = new Thread(() -> {
            handle.cancel("interrupted");
            try {
                handle.completion().get(CANCEL_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException | ExecutionException | TimeoutException e) {
                // The process ends anyway; the execution stays as far as it was recorded.
            }
            // Not before: a command killed while its node still runs would be a failure, and might be retried.
            Handlers.shutDownCommands(handlers);
        }, "dagflow-cancel-on-interrupt");
        Runtime.getRuntime().addShutdownHook(cancelOnInterrupt);
        ExecutionResult result;
        try {
            result = handle.await();
        } catch (IllegalStateException stopped) {
            Throwable cause = stopped.getCause() == null ? stopped : stopped.getCause();
            String id = handle.executionId();
            throw new UserError("execution " + id + " stopped before it ended: " + cause.getMessage()
                    + (resumable ? "; its state is stored, and 'dagflow resume " + id + "' continues it" : ""),
                    Main.WORKFLOW_FAILED);
        } finally {
            removeHook(cancelOnInterrupt);
        }
        ResultPrinter.print(result, json, out);
        if (timelineHtml != null) {
            TimelineHtml.write(TimelineBuilder.from(stores.events().read(result.executionId())), timelineHtml);
            note("timeline written to " + timelineHtml);
        }
        out.flush();
        return result.status() == WorkflowStatus.COMPLETED ? Main.COMPLETED : Main.WORKFLOW_FAILED;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The process is already ending: the hook runs, which is what an interrupt asks for.
        }
    }
}
