package io.dagflow.jenkins;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Computer;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.dagflow.ci.ReconnectSchedule;
import io.dagflow.ci.RunMode;
import io.dagflow.ci.StepOutcome;
import io.dagflow.model.WorkflowStatus;
import io.dagflow.run.ExecutionResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * Runs the workflow asynchronously: {@link #start()} hands the work to a Jenkins thread and
 * returns at once, and the engine's completion completes the step. No CPS VM thread waits.
 *
 * <p>The execution id is chosen before {@link #start()} returns and saved with the Pipeline, so
 * that after a restart {@link #onResume()} takes the same execution over (from Redis, or from the
 * build directory in embedded mode) instead of starting it again.
 */
final class DagWorkflowStepExecution extends StepExecution {

    private static final long serialVersionUID = 1L;

    private final WorkflowRequest request;
    private final RunMode mode;
    private final String executionId;

    private transient TaskListener listener;
    private transient RunningWorkflow running;
    private transient Throwable stopCause;
    /** The next try to reach Redis while resuming, cancelled when the build is stopped meanwhile. */
    private transient ScheduledFuture<?> retry;
    /** True while a Jenkins thread starts or resumes the workflow, when {@link #running} is not set yet. */
    private transient boolean launching;

    DagWorkflowStepExecution(StepContext context, WorkflowRequest request, RunMode mode, String executionId) {
        super(context);
        this.request = request;
        this.mode = mode;
        this.executionId = executionId;
    }

    @Override
    public boolean start() throws Exception {
        Run<?, ?> run = getContext().get(Run.class);
        listener = getContext().get(TaskListener.class);
        FilePath workspace = request.source().isFile() ? getContext().get(FilePath.class) : null;
        WorkflowCall call = new WorkflowCall(run, listener, workspace, request, mode, executionId);
        synchronized (this) {
            launching = true;
        }
        // Reading a workspace file and connecting to Redis block: not on the CPS VM thread.
        Computer.threadPoolForRemoting.execute(() -> {
            try {
                attach(WorkflowStarter.start(call));
            } catch (Throwable e) {
                launchFailed(e);
            }
        });
        return false;
    }

    @Override
    public void onResume() {
        synchronized (this) {
            launching = true;
        }
        resume(0, 0);
    }

    /**
     * Takes the execution over; while Redis does not answer, tries again on the schedule of the
     * settings, saying so in the console, until the build is stopped or the time is up.
     */
    private void resume(int failures, long firstFailureNanos) {
        Computer.threadPoolForRemoting.execute(() -> {
            try {
                Run<?, ?> run = getContext().get(Run.class);
                listener = getContext().get(TaskListener.class);
                attach(WorkflowStarter.resume(run, listener, mode, executionId));
            } catch (RedisUnavailableException e) {
                long since = failures == 0 ? System.nanoTime() : firstFailureNanos;
                Duration failingFor = Duration.ofNanos(System.nanoTime() - since);
                Duration limit = Duration.ofSeconds(DagflowConfiguration.get().getResumeRetrySeconds());
                Optional<Duration> delay = ReconnectSchedule.giveUpAfter(limit).next(failures + 1, failingFor);
                if (delay.isEmpty()) {
                    launchFailed(new AbortException(e.getMessage() + "; gave up after " + failingFor.toSeconds()
                            + " s of trying (Manage Jenkins > System > DAG workflows)"));
                    return;
                }
                listener.getLogger().println("[dagflow] " + e.getMessage() + "; trying again in "
                        + delay.get().toSeconds() + " s (for up to " + limit.toSeconds() + " s, or until the build is aborted)");
                synchronized (this) {
                    if (stopCause == null) {
                        retry = Timer.get().schedule(() -> resume(failures + 1, since), delay.get().toMillis(),
                                TimeUnit.MILLISECONDS);
                        return;
                    }
                }
                launchFailed(stopCause);
            } catch (Throwable e) {
                launchFailed(e);
            }
        });
    }

    /** Cancels the workflow; the step fails with {@code cause} once the workflow has stopped. */
    @Override
    public void stop(Throwable cause) throws Exception {
        RunningWorkflow current;
        boolean starting;
        boolean waitingForRedis;
        synchronized (this) {
            stopCause = cause;
            current = running;
            starting = launching;
            waitingForRedis = retry != null && retry.cancel(false);
            if (waitingForRedis) {
                launching = false;
            }
        }
        if (current != null) {
            current.cancel("the build was stopped: " + cause);
        } else if (!starting || waitingForRedis) {
            getContext().onFailure(cause);
        }
    }

    @Override
    public String getStatus() {
        RunningWorkflow current = running;
        return current == null ? "starting workflow execution " + executionId
                : "waiting for workflow execution " + executionId;
    }

    private void attach(RunningWorkflow started) {
        Throwable stoppedBy;
        synchronized (this) {
            running = started;
            launching = false;
            stoppedBy = stopCause;
        }
        if (stoppedBy != null) {
            started.cancel("the build was stopped: " + stoppedBy);
        }
        started.finished().whenComplete(this::finish);
    }

    private void launchFailed(Throwable error) {
        synchronized (this) {
            launching = false;
        }
        getContext().onFailure(error);
    }

    private void finish(ExecutionResult result, Throwable error) {
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            getContext().onFailure(new AbortException("Workflow execution " + executionId + " stopped: " + cause));
            return;
        }
        Throwable stoppedBy;
        synchronized (this) {
            stoppedBy = stopCause;
        }
        if (stoppedBy != null && result.status() == WorkflowStatus.CANCELLED) {
            getContext().onFailure(stoppedBy);
            return;
        }
        StepOutcome outcome = StepOutcome.decide(result, request.failOnError());
        if (outcome instanceof StepOutcome.Return returned) {
            if (returned.warning() != null) {
                listener.getLogger().println(returned.warning());
                listener.getLogger().println("failOnError is false: the Pipeline continues");
            }
            getContext().onSuccess(new LinkedHashMap<>(returned.outputs()));
        } else if (outcome instanceof StepOutcome.Fail failed) {
            getContext().onFailure(new AbortException(failed.summary()));
        }
    }
}
