package io.dagflow.jenkins;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.Fingerprint;
import hudson.model.Result;
import hudson.util.Secret;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class RedisModeTest {

    @Test
    void aRedisBuildRecordsThatItUsedTheRedisCredentials(JenkinsRule j) throws Exception {
        try (LocalRedis redis = LocalRedis.start("hunter2")) {
            StringCredentialsImpl password = new StringCredentialsImpl(CredentialsScope.GLOBAL, "redis-password",
                    "Redis", Secret.fromString("hunter2"));
            SystemCredentialsProvider.getInstance().getCredentials().add(password);
            DagflowConfiguration settings = DagflowConfiguration.get();
            settings.setRedisUrl(redis.url());
            settings.setCredentialsId("redis-password");
            // No worker serves the queue: the workflow waits until the build is aborted.
            WorkflowJob job = DagWorkflowStepTest.pipeline(j, "dagWorkflow definition: %s, mode: 'redis', inputs: [who: 'r']"
                    .formatted(Flows.literal(Flows.GREET)));
            WorkflowRun build = job.scheduleBuild2(0).waitForStart();
            j.waitForMessage("workflow 'greet' started as", build);

            Fingerprint usage = CredentialsProvider.getFingerprintOf(password);

            assertNotNull(usage, "the credentials' use was recorded");
            assertTrue(usage.getRangeSet(job.getFullName()).includes(build.getNumber()));
            build.doStop();
            j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(build));
            j.assertLogNotContains("hunter2", build);
        }
    }
}
