package io.dagflow.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.AbortException;
import hudson.model.Fingerprint;
import hudson.model.Result;
import hudson.util.Secret;
import io.dagflow.event.EventType;
import io.dagflow.event.WorkflowEvent;
import io.dagflow.handler.HandlerRegistry;
import io.dagflow.json.Json;
import io.dagflow.redis.RedisBackend;
import io.dagflow.redis.RedisConfig;
import io.dagflow.worker.Worker;
import io.dagflow.worker.WorkerOptions;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.sf.json.JSONObject;
import org.htmlunit.WebResponse;
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

    @Test
    void abortingARedisBuildInterruptsTheNodeRunningOnAWorkerAndStartsNoOtherTask(JenkinsRule j) throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        AtomicInteger startedLater = new AtomicInteger();
        HandlerRegistry handlers = new HandlerRegistry()
                .register("hold", context -> {
                    running.countDown();
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                        throw e;
                    }
                    return Json.object();
                })
                .register("later", context -> {
                    startedLater.incrementAndGet();
                    return Json.object();
                });
        try (LocalRedis redis = LocalRedis.start(null);
                RedisBackend workerSide = RedisBackend.connect(RedisConfig.parse(redis.url()))) {
            DagflowConfiguration.get().setRedisUrl(redis.url());
            // One slot: 'hold' takes it, and 'queued' waits in Redis behind it.
            Worker worker = new Worker(new WorkerOptions("jenkins-test-worker", List.of("default"), 1,
                    Duration.ofMillis(200)), workerSide.transport(), workerSide.stores().results(),
                    workerSide.attemptReporter(), handlers).start();
            try {
                WorkflowJob job = DagWorkflowStepTest.pipeline(j, "dagWorkflow mode: 'redis', definition: '"
                        + "{\"name\": \"held\", \"dag\": {\"nodes\": ["
                        + "{\"id\": \"hold\", \"handler\": \"hold\"}, {\"id\": \"queued\", \"handler\": \"later\"},"
                        + " {\"id\": \"after\", \"handler\": \"later\", \"dependencies\": [\"hold\"]}]}}'");
                WorkflowRun build = job.scheduleBuild2(0).waitForStart();
                assertTrue(running.await(60, TimeUnit.SECONDS), "the worker started the node");

                build.doStop();

                assertTrue(interrupted.await(2, TimeUnit.SECONDS), "the worker's handler was interrupted");
                j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(build));
                DagWorkflowAction action = build.getAction(DagWorkflowAction.class);
                List<WorkflowEvent> events = workerSide.stores().events().read(action.getExecutionId());
                assertEquals(EventType.WORKFLOW_CANCELLED, events.get(events.size() - 1).type());
                assertTrue(events.stream().anyMatch(e -> e.type() == EventType.NODE_CANCELLED
                        && "hold".equals(e.nodeId())
                        && "while its handler ran on jenkins-test-worker".equals(e.detail("reason"))), events.toString());
            } finally {
                worker.stop(Duration.ofSeconds(1));
            }
            assertEquals(0, startedLater.get(), "a task of the aborted build started");
        }
    }

    @Test
    void theTimelineOfARedisWorkflowIsReadWithoutStartingAnOrchestrator(JenkinsRule j) throws Exception {
        try (LocalRedis redis = LocalRedis.start(null)) {
            DagflowConfiguration.get().setRedisUrl(redis.url());
            WorkflowJob job = DagWorkflowStepTest.pipeline(j, "dagWorkflow definition: %s, mode: 'redis', inputs: [who: 'r']"
                    .formatted(Flows.literal(Flows.GREET)));
            WorkflowRun build = job.scheduleBuild2(0).waitForStart();
            j.waitForMessage("workflow 'greet' started as", build);
            build.doStop();
            j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(build));
            // As after a restart: the builds are there, no orchestrator runs.
            RedisEngines.shutdown();

            JSONObject timeline = j.createWebClient().getJSON(build.getUrl() + "dagflow-1/timelineJson").getJSONObject();

            assertEquals("CANCELLED", timeline.getString("status"));
            assertFalse(RedisEngines.get().isOrchestrating(), "reading the timeline started an orchestrator");

            redis.close();
            JenkinsRule.WebClient client = j.createWebClient();
            client.getOptions().setThrowExceptionOnFailingStatusCode(false);
            WebResponse down = client.goTo(build.getUrl() + "dagflow-1/timelineJson", null).getWebResponse();

            assertEquals(HttpURLConnection.HTTP_UNAVAILABLE, down.getStatusCode(), down.getContentAsString());
            assertTrue(JSONObject.fromObject(down.getContentAsString()).getString("error").contains("cannot be read"));
        }
    }

    @Test
    void connectingToASlowRedisHoldsNoLockOthersNeed(JenkinsRule j) throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            DagflowConfiguration settings = DagflowConfiguration.get();
            settings.setRedisUrl("redis://127.0.0.1:" + silent.getLocalPort() + "/0");
            settings.setSocketTimeoutSeconds(60);
            CompletableFuture<String> lease = CompletableFuture.supplyAsync(() -> {
                try (EngineLease ignored = RedisEngines.get().lease()) {
                    return "connected";
                } catch (AbortException e) {
                    return e.getMessage();
                }
            });

            // The connection is open and waits for the server's answer to its first command.
            try (Socket connection = silent.accept()) {
                assertFalse(assertTimeoutPreemptively(Duration.ofSeconds(5), () -> RedisEngines.get().isOrchestrating()));
            }
            // Refuses whatever connection a retry may have queued, so the lease fails now.
            silent.close();
            assertTrue(lease.get(60, TimeUnit.SECONDS).startsWith("Cannot connect to Redis at"), lease.get());
        }
    }
}
