package io.dagflow.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Result;
import hudson.tasks.Builder;
import io.dagflow.event.EventType;
import io.dagflow.event.WorkflowEvent;
import io.dagflow.handler.FairRunLimit;
import io.dagflow.handler.Handler;
import io.dagflow.model.WorkflowStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.jenkinsci.plugins.structs.SymbolLookup;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class DagWorkflowStepTest {

    @BeforeEach
    void resetHandlers() {
        TestHandlers.reset();
    }

    @Test
    void theWorkflowOutputsAreReturnedToThePipeline(JenkinsRule j) throws Exception {
        WorkflowJob job = pipeline(j, """
                def out = dagWorkflow definition: %s, inputs: [who: 'world']
                echo "greeting=${out.output.greeting}"
                """.formatted(Flows.literal(Flows.GREET)));

        WorkflowRun build = j.buildAndAssertSuccess(job);

        j.assertLogContains("greeting=Hello, world!", build);
        j.assertLogContains("[dagflow greet] ", build);
        j.assertLogContains("greet completed", build);
        DagWorkflowAction action = build.getAction(DagWorkflowAction.class);
        assertEquals(WorkflowStatus.COMPLETED, action.getStatus());
        assertEquals("greet", action.getWorkflowName());
    }

    @Test
    void theDefinitionCanBeAFileInTheWorkspace(JenkinsRule j) throws Exception {
        WorkflowJob job = pipeline(j, """
                node {
                  writeFile file: 'flows/greet.json', text: %s
                  def out = dagWorkflow file: 'flows/greet.json', inputs: [who: 'file']
                  echo "greeting=${out.output.greeting}"
                }
                """.formatted(Flows.literal(Flows.GREET)));

        WorkflowRun build = j.buildAndAssertSuccess(job);

        j.assertLogContains("greeting=Hello, file!", build);
    }

    @Test
    void aFailedWorkflowFailsTheBuildNamingFailedAndBlockedNodes(JenkinsRule j) throws Exception {
        TestHandlers.failing = true;
        WorkflowJob job = pipeline(j, "dagWorkflow definition: %s\necho 'not reached'".formatted(
                Flows.literal(Flows.CHAIN)));

        WorkflowRun build = j.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));

        j.assertLogContains("failed: middle after 1 attempt: switched off", build);
        j.assertLogContains("blocked: ", build);
        j.assertLogContains("last (by middle)", build);
        j.assertLogNotContains("not reached", build);
        assertEquals(WorkflowStatus.FAILED, build.getAction(DagWorkflowAction.class).getStatus());
    }

    @Test
    void withoutFailOnErrorThePipelineContinuesAfterTheSummary(JenkinsRule j) throws Exception {
        TestHandlers.failing = true;
        WorkflowJob job = pipeline(j, """
                def out = dagWorkflow definition: %s, failOnError: false
                echo "outputs=${out}"
                """.formatted(Flows.literal(Flows.CHAIN)));

        WorkflowRun build = j.buildAndAssertSuccess(job);

        j.assertLogContains("failed: middle after 1 attempt: switched off", build);
        j.assertLogContains("outputs=[:]", build);
    }

    @Test
    void anInvalidDefinitionFailsWithItsProblems(JenkinsRule j) throws Exception {
        WorkflowJob job = pipeline(j, """
                dagWorkflow definition: '''{"name": "broken", "dag": {"nodes": [
                  {"id": "a", "handler": "no-such-handler"},
                  {"id": "b", "handler": "echo", "dependencies": ["missing"]}
                ]}}'''
                """);

        WorkflowRun build = j.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));

        j.assertLogContains("definition is not a valid workflow", build);
        j.assertLogContains("no-such-handler", build);
        j.assertLogContains("missing", build);
    }

    @Test
    void bothDefinitionAndFileAreRefusedBeforeAnythingRuns(JenkinsRule j) throws Exception {
        WorkflowJob job = pipeline(j, "dagWorkflow definition: '{}', file: 'flow.json'");

        WorkflowRun build = j.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));

        j.assertLogContains("give either definition (JSON text) or file (a workspace path), not both", build);
    }

    @Test
    void aFileThatLeavesTheWorkspaceIsRefused(JenkinsRule j) throws Exception {
        WorkflowJob job = pipeline(j, "node { dagWorkflow file: '../flows/greet.json' }");

        WorkflowRun build = j.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));

        j.assertLogContains("file must stay inside the workspace ('..' is not allowed), was '../flows/greet.json'",
                build);
    }

    @Test
    void aSymbolicLinkOutOfTheWorkspaceIsRefused(JenkinsRule j, @TempDir Path outside) throws Exception {
        Files.writeString(outside.resolve("greet.json"), Flows.GREET);
        WorkflowJob job = pipeline(j, """
                node {
                  sh "ln -s '%s' elsewhere"
                  dagWorkflow file: 'elsewhere/greet.json', inputs: [who: 'outside']
                }
                """.formatted(outside));

        WorkflowRun build = j.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));

        j.assertLogContains("The workflow file 'elsewhere/greet.json' is outside the workspace", build);
        j.assertLogNotContains("Hello, outside!", build);
    }

    @Test
    void theStepHoldsNoThreadWhileTheWorkflowRuns(JenkinsRule j) throws Exception {
        WorkflowJob job = pipeline(j, """
                parallel workflow: { dagWorkflow definition: %s },
                         other: { echo 'the other branch ran' }
                """.formatted(Flows.literal(Flows.GATED)));
        WorkflowRun build = job.scheduleBuild2(0).waitForStart();
        TestHandlers.awaitGate();

        // The CPS VM thread is shared by both branches: the other one only runs if the step let go of it.
        j.waitForMessage("the other branch ran", build);
        assertTrue(build.isBuilding());
        TestHandlers.openGate();

        j.assertBuildStatus(Result.SUCCESS, j.waitForCompletion(build));
    }

    @Test
    void abortingTheBuildCancelsTheWorkflow(JenkinsRule j) throws Exception {
        WorkflowJob job = pipeline(j, "dagWorkflow definition: %s".formatted(Flows.literal(Flows.GATED)));
        WorkflowRun build = job.scheduleBuild2(0).waitForStart();
        TestHandlers.awaitGate();

        build.getExecutor().interrupt();

        assertTrue(TestHandlers.gateInterruptedWithin(2), "the running node's handler was interrupted");
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(build));
        DagWorkflowAction action = build.getAction(DagWorkflowAction.class);
        assertEquals(WorkflowStatus.CANCELLED, action.getStatus());
        List<WorkflowEvent> events = BuildStores.open(build).events().read(action.getExecutionId());
        assertEquals(EventType.WORKFLOW_CANCELLED, events.get(events.size() - 1).type());
        assertTrue(events.stream().anyMatch(e -> e.type() == EventType.NODE_CANCELLED
                && "while its handler ran on embedded-worker".equals(e.detail("reason"))));
        j.assertLogContains("cancel requested: ", build);
        j.assertLogContains("workflow CANCELLED", build);
    }

    @Test
    void theControllerLimitMakesEmbeddedNodesOfAllBuildsWaitForAFreePlace(JenkinsRule j) throws Exception {
        DagflowConfiguration.get().setEmbeddedNodeLimit(1);
        WorkflowJob first = pipeline(j, "dagWorkflow definition: %s".formatted(Flows.literal(Flows.GATED)));
        WorkflowJob second = pipeline(j, "dagWorkflow definition: %s".formatted(Flows.literal(Flows.GATED)));
        WorkflowRun holding = first.scheduleBuild2(0).waitForStart();
        TestHandlers.awaitGate();

        WorkflowRun waiting = second.scheduleBuild2(0).waitForStart();

        FairRunLimit limit = EmbeddedEngines.limit();
        assertTrue(limit.awaitQueued(1, Duration.ofSeconds(60)), "the second build's node waits for a place");
        assertEquals(1, limit.running());
        assertEquals(1, TestHandlers.calls("wait"), "only the first build's gate runs");
        TestHandlers.openGate();
        j.assertBuildStatusSuccess(j.waitForCompletion(holding));
        j.assertBuildStatusSuccess(j.waitForCompletion(waiting));
        assertEquals(2, TestHandlers.calls("wait"));
        assertEquals(0, limit.running());
    }

    @Test
    void embeddedModeCanBeSwitchedOff(JenkinsRule j) throws Exception {
        DagflowConfiguration.get().setEmbeddedAllowed(false);
        WorkflowJob job = pipeline(j, "dagWorkflow definition: %s, mode: 'embedded'".formatted(
                Flows.literal(Flows.GREET)));

        WorkflowRun build = j.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));

        j.assertLogContains("Embedded mode is disabled on this Jenkins", build);
    }

    @Test
    void embeddedModeRefusesCommandsTellingJenkinsUsersWhatToDo(JenkinsRule j) throws Exception {
        WorkflowJob job = pipeline(j, "dagWorkflow definition: %s".formatted(Flows.literal(Flows.COMMAND)));

        WorkflowRun build = j.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));

        j.assertLogContains(EmbeddedEngines.COMMAND_REFUSED, build);
        j.assertLogNotContains("--allow-command", build);
    }

    @Test
    void theStepIsNamedByItsFunctionAndTheBuilderHasASymbolOfItsOwn(JenkinsRule j) {
        assertEquals(Set.of(), SymbolLookup.getSymbolValue(DagWorkflowStep.DescriptorImpl.class));
        assertEquals("dagWorkflow", j.jenkins.getDescriptorByType(DagWorkflowStep.DescriptorImpl.class)
                .getFunctionName());
        assertEquals(j.jenkins.getDescriptorByType(DagWorkflowBuilder.DescriptorImpl.class),
                SymbolLookup.get().findDescriptor(Builder.class, "dagWorkflowBuilder"));
    }

    @Test
    void theSnippetGeneratorWritesWhatTheFormHolds(JenkinsRule j) throws Exception {
        DagWorkflowStep step = new DagWorkflowStep();
        step.setDefinition("{\"name\": \"x\"}");
        step.setMode("redis");
        step.setFailOnError(false);

        new SnippetizerTester(j).assertRoundTrip(step,
                "dagWorkflow definition: '{\"name\": \"x\"}', failOnError: false, mode: 'redis'");
        j.assertEqualDataBoundBeans(step, new StepConfigTester(j).configRoundTrip(step));
    }

    static WorkflowJob pipeline(JenkinsRule j, String script) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }

    @TestExtension
    public static final class Handlers extends HandlerContribution {
        @Override
        public Collection<? extends Handler> handlers() {
            return TestHandlers.all();
        }
    }
}
