package io.dagflow.jenkins;

import com.fasterxml.jackson.databind.JsonNode;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.AbstractProject;
import hudson.model.Item;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.dagflow.ci.StepOutcome;
import io.dagflow.json.Json;
import io.dagflow.run.ExecutionResult;
import io.dagflow.run.WorkflowEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jenkins.tasks.SimpleBuildStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The freestyle build step: the options of {@code dagWorkflow}, with the inputs as a JSON object.
 * A freestyle build has an executor thread of its own, so the step waits for the workflow there.
 */
public final class DagWorkflowBuilder extends Builder implements SimpleBuildStep {

    /** How long an aborted build waits for its workflow to record the cancellation. */
    private static final long CANCEL_GRACE_SECONDS = 30;

    private String definition;
    private String file;
    private String inputs;
    private String mode;
    private boolean failOnError = true;

    @DataBoundConstructor
    public DagWorkflowBuilder() {
    }

    public String getDefinition() {
        return definition;
    }

    @DataBoundSetter
    public void setDefinition(String definition) {
        this.definition = Util.fixEmptyAndTrim(definition);
    }

    public String getFile() {
        return file;
    }

    @DataBoundSetter
    public void setFile(String file) {
        this.file = Util.fixEmptyAndTrim(file);
    }

    public String getInputs() {
        return inputs;
    }

    /** The inputs as a JSON object. */
    @DataBoundSetter
    public void setInputs(String inputs) {
        this.inputs = Util.fixEmptyAndTrim(inputs);
    }

    public String getMode() {
        return mode;
    }

    @DataBoundSetter
    public void setMode(String mode) {
        this.mode = Util.fixEmptyAndTrim(mode);
    }

    public boolean isFailOnError() {
        return failOnError;
    }

    @DataBoundSetter
    public void setFailOnError(boolean failOnError) {
        this.failOnError = failOnError;
    }

    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull FilePath workspace, @NonNull EnvVars env,
            @NonNull Launcher launcher, @NonNull TaskListener listener) throws InterruptedException, IOException {
        WorkflowRequest request = WorkflowRequest.of(definition, file, parseInputs(inputs), mode, failOnError);
        WorkflowCall call = new WorkflowCall(run, listener, workspace, request,
                request.mode(DagflowConfiguration.get().mode()), WorkflowEngine.newExecutionId());
        RunningWorkflow running = WorkflowStarter.start(call);
        ExecutionResult result;
        try {
            result = running.finished().get();
        } catch (InterruptedException e) {
            running.cancel("the build was aborted");
            awaitCancellation(running, listener);
            throw e;
        } catch (ExecutionException e) {
            throw new AbortException("Workflow execution " + running.executionId() + " stopped: " + e.getCause());
        }
        StepOutcome outcome = StepOutcome.decide(result, request.failOnError());
        if (outcome instanceof StepOutcome.Fail failed) {
            throw new AbortException(failed.summary());
        }
        if (outcome instanceof StepOutcome.Return returned && returned.warning() != null) {
            // A freestyle build has no caller to hand the outcome to: the result shows it instead.
            listener.getLogger().println(returned.warning());
            run.setResult(Result.UNSTABLE);
        }
    }

    private static void awaitCancellation(RunningWorkflow running, TaskListener listener) {
        try {
            running.finished().get(CANCEL_GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            listener.getLogger().println("Workflow execution " + running.executionId() + " did not stop within "
                    + CANCEL_GRACE_SECONDS + " s of the abort");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            listener.getLogger().println("Workflow execution " + running.executionId() + " stopped: " + e.getCause());
        }
    }

    private static JsonNode parseInputs(String text) throws AbortException {
        if (text == null) {
            return null;
        }
        try {
            return Json.tree(text);
        } catch (UncheckedIOException e) {
            throw new AbortException("The inputs are not valid JSON: " + e.getCause().getMessage());
        }
    }

    /** Not {@code dagWorkflow}, the Pipeline step's name, so that a script says which one it means. */
    @Extension
    @Symbol("dagWorkflowBuilder")
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> {

        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @Override
        public String getDisplayName() {
            return "Run a DAG workflow";
        }

        /** The same fixed list for everyone: it reveals nothing, so it needs no permission. */
        @POST
        public ListBoxModel doFillModeItems() {
            return DagWorkflowStep.modeItems();
        }

        @POST
        public FormValidation doCheckDefinition(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String file) {
            DagWorkflowStep.checkConfigure(item);
            return FormChecks.definition(value, file);
        }

        @POST
        public FormValidation doCheckFile(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String definition) {
            DagWorkflowStep.checkConfigure(item);
            return FormChecks.file(value, definition);
        }

        @POST
        public FormValidation doCheckInputs(@AncestorInPath Item item, @QueryParameter String value) {
            DagWorkflowStep.checkConfigure(item);
            try {
                JsonNode parsed = parseInputs(Util.fixEmptyAndTrim(value));
                return parsed == null || parsed.isObject() ? FormValidation.ok()
                        : FormValidation.error("The inputs must be a JSON object, such as {\"branch\": \"main\"}");
            } catch (AbortException e) {
                return FormValidation.error(e.getMessage());
            }
        }
    }
}
