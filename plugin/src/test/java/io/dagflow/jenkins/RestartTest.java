package io.dagflow.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Result;
import io.dagflow.handler.Handler;
import io.dagflow.model.WorkflowStatus;
import java.util.Collection;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

class RestartTest {

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @Test
    void aRunningEmbeddedWorkflowIsTakenOverAfterARestart() throws Throwable {
        TestHandlers.reset();
        sessions.then(j -> {
            WorkflowJob job = j.createProject(WorkflowJob.class, "restarted");
            job.setDefinition(new CpsFlowDefinition("""
                    def out = dagWorkflow definition: %s
                    echo "opened=${out.output.opened}"
                    """.formatted(Flows.literal(Flows.GATED)), true));
            job.scheduleBuild2(0).waitForStart();
            TestHandlers.awaitGate();
            assertEquals(1, TestHandlers.calls("wait"));
        });
        // The gate never opened: the attempt died with Jenkins and must run again after the restart.
        TestHandlers.openGate();
        sessions.then(j -> {
            WorkflowJob job = j.jenkins.getItemByFullName("restarted", WorkflowJob.class);
            WorkflowRun build = job.getLastBuild();

            j.assertBuildStatus(Result.SUCCESS, j.waitForCompletion(build));

            j.assertLogContains("resuming execution", build);
            j.assertLogContains("opened=true", build);
            assertEquals(2, TestHandlers.calls("wait"));
            DagWorkflowAction action = build.getAction(DagWorkflowAction.class);
            assertEquals(WorkflowStatus.COMPLETED, action.getStatus());
            assertTrue(BuildStores.directory(build).toFile().isDirectory());
        });
    }

    @TestExtension
    public static final class Handlers extends HandlerContribution {
        @Override
        public Collection<? extends Handler> handlers() {
            return TestHandlers.all();
        }
    }
}
