package io.dagflow.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import io.dagflow.handler.Handler;
import io.dagflow.model.WorkflowStatus;
import java.util.Collection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class DagWorkflowBuilderTest {

    @BeforeEach
    void resetHandlers() {
        TestHandlers.reset();
    }

    @Test
    void aFreestyleBuildRunsTheWorkflowWithItsJsonInputs(JenkinsRule j) throws Exception {
        FreeStyleProject project = j.createFreeStyleProject();
        DagWorkflowBuilder builder = new DagWorkflowBuilder();
        builder.setDefinition(Flows.GREET);
        builder.setInputs("{\"who\": \"freestyle\"}");
        project.getBuildersList().add(builder);

        FreeStyleBuild build = j.buildAndAssertSuccess(project);

        j.assertLogContains("[dagflow greet] ", build);
        j.assertLogContains("greet completed", build);
        assertEquals(WorkflowStatus.COMPLETED, build.getAction(DagWorkflowAction.class).getStatus());
    }

    @Test
    void aFailedWorkflowFailsTheFreestyleBuild(JenkinsRule j) throws Exception {
        TestHandlers.failing = true;
        FreeStyleProject project = j.createFreeStyleProject();
        DagWorkflowBuilder builder = new DagWorkflowBuilder();
        builder.setDefinition(Flows.CHAIN);
        project.getBuildersList().add(builder);

        FreeStyleBuild build = j.assertBuildStatus(Result.FAILURE, project.scheduleBuild2(0));

        j.assertLogContains("failed: middle after 1 attempt: switched off", build);
    }

    @Test
    void withoutFailOnErrorAFailedWorkflowMakesTheBuildUnstable(JenkinsRule j) throws Exception {
        TestHandlers.failing = true;
        FreeStyleProject project = j.createFreeStyleProject();
        DagWorkflowBuilder builder = new DagWorkflowBuilder();
        builder.setDefinition(Flows.CHAIN);
        builder.setFailOnError(false);
        project.getBuildersList().add(builder);

        FreeStyleBuild build = j.assertBuildStatus(Result.UNSTABLE, project.scheduleBuild2(0));

        j.assertLogContains("failed: middle after 1 attempt: switched off", build);
    }

    @Test
    void inputsThatAreNotAJsonObjectAreRefused(JenkinsRule j) throws Exception {
        FreeStyleProject project = j.createFreeStyleProject();
        DagWorkflowBuilder builder = new DagWorkflowBuilder();
        builder.setDefinition(Flows.GREET);
        builder.setInputs("[1, 2]");
        project.getBuildersList().add(builder);

        FreeStyleBuild build = j.assertBuildStatus(Result.FAILURE, project.scheduleBuild2(0));

        j.assertLogContains("inputs must be a map (a JSON object)", build);
    }

    @Test
    void theConfigurationFormKeepsEveryOption(JenkinsRule j) throws Exception {
        DagWorkflowBuilder builder = new DagWorkflowBuilder();
        builder.setFile("flows/greet.json");
        builder.setInputs("{\"who\": \"form\"}");
        builder.setMode("embedded");
        builder.setFailOnError(false);

        DagWorkflowBuilder after = j.configRoundtrip(builder);

        j.assertEqualDataBoundBeans(builder, after);
    }

    @TestExtension
    public static final class Handlers extends HandlerContribution {
        @Override
        public Collection<? extends Handler> handlers() {
            return TestHandlers.all();
        }
    }
}
