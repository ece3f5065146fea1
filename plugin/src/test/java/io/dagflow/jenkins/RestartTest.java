package io.dagflow.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Result;
import io.dagflow.handler.Handler;
import io.dagflow.model.WorkflowStatus;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Collection;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
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

    @Test
    void aRedisWorkflowResumedWhileRedisIsDownKeepsTryingUntilRedisIsBack(@TempDir Path data) throws Throwable {
        LocalRedis[] redis = {LocalRedis.start(null, freePort(), data)};
        try {
            sessions.then(j -> {
                DagflowConfiguration.get().setRedisUrl(redis[0].url());
                WorkflowJob job = j.createProject(WorkflowJob.class, "redis-resumed");
                // No worker serves the queue: the workflow is still running when Jenkins stops.
                job.setDefinition(new CpsFlowDefinition("dagWorkflow definition: %s, mode: 'redis', inputs: [who: 'r']"
                        .formatted(Flows.literal(Flows.GREET)), true));
                WorkflowRun build = job.scheduleBuild2(0).waitForStart();
                j.waitForMessage("workflow 'greet' started as", build);
            });
            int port = redis[0].port();
            redis[0].close();
            sessions.then(j -> {
                WorkflowRun build = j.jenkins.getItemByFullName("redis-resumed", WorkflowJob.class).getLastBuild();
                j.waitForMessage("; trying again in 1 s", build);
                j.waitForMessage("; trying again in 2 s", build);
                assertTrue(build.isBuilding());

                redis[0] = LocalRedis.start(null, port, data);
                j.waitForMessage("resuming execution", build);
                assertTrue(build.isBuilding());
                build.doStop();

                j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(build));
                j.assertLogContains("Cannot connect to Redis at redis://127.0.0.1:" + port, build);
            });
        } finally {
            redis[0].close();
        }
    }

    @Test
    void aRedisWorkflowResumedWhileRedisIsDownFailsOnceTheRetryTimeIsUp() throws Throwable {
        LocalRedis redis = LocalRedis.start(null);
        sessions.then(j -> {
            DagflowConfiguration settings = DagflowConfiguration.get();
            settings.setRedisUrl(redis.url());
            settings.setResumeRetrySeconds(2);
            WorkflowJob job = j.createProject(WorkflowJob.class, "redis-gone");
            job.setDefinition(new CpsFlowDefinition("dagWorkflow definition: %s, mode: 'redis', inputs: [who: 'r']"
                    .formatted(Flows.literal(Flows.GREET)), true));
            WorkflowRun build = job.scheduleBuild2(0).waitForStart();
            j.waitForMessage("workflow 'greet' started as", build);
        });
        redis.close();
        sessions.then(j -> {
            WorkflowRun build = j.jenkins.getItemByFullName("redis-gone", WorkflowJob.class).getLastBuild();

            j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(build));

            j.assertLogContains("; trying again in 1 s (for up to 2 s, or until the build is aborted)", build);
            j.assertLogContains("s of trying (Manage Jenkins > System > DAG workflows)", build);
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @TestExtension
    public static final class Handlers extends HandlerContribution {
        @Override
        public Collection<? extends Handler> handlers() {
            return TestHandlers.all();
        }
    }
}
