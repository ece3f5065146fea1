package io.dagflow.run;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** A running execution, as its starter sees it. */
public interface ExecutionHandle {

    String executionId();

    /** Completes when the execution ends (COMPLETED, FAILED or CANCELLED). */
    CompletableFuture<ExecutionResult> completion();

    /** Asks the execution to stop: running and pending nodes become CANCELLED. Returns at once. */
    void cancel(String reason);

    /** Waits for the end of the execution. */
    default ExecutionResult await() throws InterruptedException {
        try {
            return completion().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("execution " + executionId() + " stopped: " + e.getCause(), e.getCause());
        }
    }
}
