package io.dagflow.jenkins;

import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.dagflow.ci.RunMode;
import io.dagflow.json.PlainValues;
import io.dagflow.run.WorkflowEngine;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code dagWorkflow definition: '...'} or {@code dagWorkflow file: 'flow.json'}: runs a workflow
 * and returns its outputs as a map. The workflow runs on its own threads; the Pipeline waits for
 * it without holding a thread of its own.
 */
public final class DagWorkflowStep extends Step {

    private String definition;
    private String file;
    private Map<String, Object> inputs;
    private String mode;
    private boolean failOnError = true;

    @DataBoundConstructor
    public DagWorkflowStep() {
    }

    public String getDefinition() {
        return definition;
    }

    /** The workflow as JSON text. */
    @DataBoundSetter
    public void setDefinition(String definition) {
        this.definition = Util.fixEmptyAndTrim(definition);
    }

    public String getFile() {
        return file;
    }

    /** The workflow as a file in the workspace (the step must then run inside {@code node}). */
    @DataBoundSetter
    public void setFile(String file) {
        this.file = Util.fixEmptyAndTrim(file);
    }

    public Map<String, Object> getInputs() {
        return inputs;
    }

    /** The workflow's inputs: strings, numbers, booleans, lists and maps. */
    @DataBoundSetter
    public void setInputs(Map<String, Object> inputs) {
        this.inputs = inputs == null || inputs.isEmpty() ? null : new LinkedHashMap<>(inputs);
    }

    public String getMode() {
        return mode;
    }

    /** "embedded" or "redis"; empty for the global default. */
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
    public StepExecution start(StepContext context) throws Exception {
        WorkflowRequest request;
        try {
            request = WorkflowRequest.of(definition, file, PlainValues.fromPlainMap(inputs, "inputs"), mode,
                    failOnError);
        } catch (IllegalArgumentException e) {
            throw new AbortException("dagWorkflow: " + e.getMessage());
        }
        RunMode resolved = request.mode(DagflowConfiguration.get().mode());
        return new DagWorkflowStepExecution(context, request, resolved, WorkflowEngine.newExecutionId());
    }

    /** No {@code @Symbol}: a step is named by {@link #getFunctionName()} alone. */
    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "dagWorkflow";
        }

        @Override
        public String getDisplayName() {
            return "Run a DAG workflow";
        }

        @Override
        public Set<Class<?>> getRequiredContext() {
            // No FilePath: an inline definition needs no workspace, and a file is checked when read.
            return Set.of(Run.class, TaskListener.class);
        }

        /** The same fixed list for everyone: it reveals nothing, so it needs no permission. */
        @POST
        public ListBoxModel doFillModeItems() {
            return modeItems();
        }

        /** Checks the definition as it is typed; the text is parsed, never run. */
        @POST
        public FormValidation doCheckDefinition(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String file) {
            checkConfigure(item);
            return FormChecks.definition(value, file);
        }

        @POST
        public FormValidation doCheckFile(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String definition) {
            checkConfigure(item);
            return FormChecks.file(value, definition);
        }
    }

    static ListBoxModel modeItems() {
        ListBoxModel items = new ListBoxModel();
        items.add("(global default)", "");
        for (RunMode mode : RunMode.values()) {
            items.add(mode.id());
        }
        return items;
    }

    /** Form checks run in a job's configuration or the snippet generator: the user must be able to configure. */
    static void checkConfigure(Item item) {
        if (item == null) {
            Jenkins.get().checkPermission(Jenkins.READ);
        } else {
            item.checkPermission(Item.CONFIGURE);
        }
    }
}
