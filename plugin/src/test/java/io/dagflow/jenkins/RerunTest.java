package io.dagflow.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Item;
import hudson.model.Result;
import io.dagflow.handler.Handler;
import io.dagflow.model.WorkflowStatus;
import java.net.HttpURLConnection;
import java.util.Collection;
import jenkins.model.Jenkins;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class RerunTest {

    @BeforeEach
    void resetHandlers() {
        TestHandlers.reset();
    }

    @Test
    void aRerunRunsOnlyTheNodesThatDidNotCompleteAndReusesTheOthers(JenkinsRule j) throws Exception {
        WorkflowJob job = chainJob(j);
        TestHandlers.failing = true;
        WorkflowRun failed = j.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));
        assertEquals(1, TestHandlers.calls("first"));
        assertEquals(1, TestHandlers.calls("side"));
        assertEquals(1, TestHandlers.calls("middle"));
        assertEquals(0, TestHandlers.calls("last"));
        TestHandlers.failing = false;

        WebResponse response = post(j.createWebClient(), failed, "rerun");
        assertTrue(response.getStatusCode() < 400, "rerun answered " + response.getStatusCode());
        j.waitUntilNoActivity();

        WorkflowRun rerun = job.getLastBuild();
        assertEquals(failed.getNumber() + 1, rerun.getNumber());
        j.assertBuildStatusSuccess(rerun);
        assertEquals(1, TestHandlers.calls("first"), "first completed before: reused, not run");
        assertEquals(1, TestHandlers.calls("side"), "side completed before: reused, not run");
        assertEquals(2, TestHandlers.calls("middle"), "middle failed: run again");
        assertEquals(1, TestHandlers.calls("last"), "last was blocked: run now");
        RerunCause cause = rerun.getCause(RerunCause.class);
        assertNotNull(cause);
        assertEquals(failed.getNumber(), cause.getBuildNumber());
        DagWorkflowAction original = failed.getAction(DagWorkflowAction.class);
        DagWorkflowAction action = rerun.getAction(DagWorkflowAction.class);
        assertEquals(original.getExecutionId(), action.getRerunOf());
        assertEquals(WorkflowStatus.COMPLETED, action.getStatus());
        j.assertLogContains("rerunning execution " + original.getExecutionId(), rerun);

        JSONObject timeline = j.createWebClient()
                .getJSON(rerun.getUrl() + action.getUrlName() + "/timelineJson").getJSONObject();
        JSONArray nodes = timeline.getJSONArray("nodes");
        for (int i = 0; i < nodes.size(); i++) {
            JSONObject node = nodes.getJSONObject(i);
            boolean reused = node.getString("id").equals("first") || node.getString("id").equals("side");
            assertEquals(reused, node.getBoolean("reused"), node.getString("id") + " reused");
        }
    }

    @Test
    void aCompletedBuildOffersNoRerun(JenkinsRule j) throws Exception {
        WorkflowJob job = chainJob(j);
        WorkflowRun completed = j.buildAndAssertSuccess(job);

        assertFalse(completed.getAction(DagWorkflowAction.class).isRerunnable());
        JenkinsRule.WebClient client = j.createWebClient();
        client.getOptions().setThrowExceptionOnFailingStatusCode(false);
        assertEquals(HttpURLConnection.HTTP_BAD_REQUEST, post(client, completed, "rerun").getStatusCode());
        assertNull(job.getBuildByNumber(completed.getNumber() + 1));
    }

    @Test
    void aUserWithoutBuildPermissionCannotRerun(JenkinsRule j) throws Exception {
        WorkflowJob job = chainJob(j);
        TestHandlers.failing = true;
        WorkflowRun failed = j.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ).everywhere().to("reader")
                .grant(Jenkins.READ, Item.READ, Item.BUILD).everywhere().to("builder"));

        JenkinsRule.WebClient reader = j.createWebClient().login("reader");
        reader.getOptions().setThrowExceptionOnFailingStatusCode(false);
        assertEquals(HttpURLConnection.HTTP_FORBIDDEN, post(reader, failed, "rerun").getStatusCode());
        assertNull(job.getBuildByNumber(failed.getNumber() + 1));
        assertFalse(asUser(j, "reader", () -> failed.getAction(DagWorkflowAction.class).isRerunnable()));

        JenkinsRule.WebClient builder = j.createWebClient().login("builder");
        assertTrue(post(builder, failed, "rerun").getStatusCode() < 400);
        j.waitUntilNoActivity();
        assertNotNull(job.getBuildByNumber(failed.getNumber() + 1));
    }

    @Test
    void aRerunMustBePosted(JenkinsRule j) throws Exception {
        WorkflowJob job = chainJob(j);
        TestHandlers.failing = true;
        WorkflowRun failed = j.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));

        JenkinsRule.WebClient client = j.createWebClient();
        client.getOptions().setThrowExceptionOnFailingStatusCode(false);
        WebResponse response = client.loadWebResponse(new WebRequest(
                client.createCrumbedUrl(failed.getUrl() + failed.getAction(DagWorkflowAction.class).getUrlName()
                        + "/rerun"), HttpMethod.GET));

        assertEquals(HttpURLConnection.HTTP_BAD_METHOD, response.getStatusCode());
        assertNull(job.getBuildByNumber(failed.getNumber() + 1));
    }

    @Test
    void aRerunOfADisabledJobAnswersWhyWithoutAnError(JenkinsRule j) throws Exception {
        WorkflowJob job = chainJob(j);
        TestHandlers.failing = true;
        WorkflowRun failed = j.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));
        job.makeDisabled(true);

        JenkinsRule.WebClient client = j.createWebClient();
        client.getOptions().setThrowExceptionOnFailingStatusCode(false);
        WebResponse response = post(client, failed, "rerun");

        assertEquals(HttpURLConnection.HTTP_CONFLICT, response.getStatusCode());
        assertTrue(response.getContentAsString().contains("cannot be built now (disabled?)"));
        assertNull(job.getBuildByNumber(failed.getNumber() + 1));
    }

    @Test
    void theRerunCauseLinksToTheOriginalBuildAfterTheJobIsRenamed(JenkinsRule j) throws Exception {
        WorkflowJob job = chainJob(j);
        TestHandlers.failing = true;
        WorkflowRun failed = j.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));
        TestHandlers.failing = false;
        assertTrue(post(j.createWebClient(), failed, "rerun").getStatusCode() < 400);
        j.waitUntilNoActivity();

        job.renameTo("renamed");

        WorkflowRun rerun = job.getLastBuild();
        RerunCause cause = rerun.getCause(RerunCause.class);
        assertEquals("job/renamed/" + failed.getNumber() + "/", cause.getBuildUrl());
        assertEquals("Rerun of the failed workflow nodes of renamed #" + failed.getNumber(),
                cause.getShortDescription());
        JenkinsRule.WebClient client = j.createWebClient();
        client.getOptions().setJavaScriptEnabled(false);
        HtmlPage page = client.getPage(rerun);
        assertTrue(page.getAnchors().stream().anyMatch(a -> a.getHrefAttribute()
                .endsWith("/job/renamed/" + failed.getNumber() + "/") && a.getTextContent().equals("#" + failed.getNumber())),
                "the cause links to the original build under the job's new name");
    }

    private static WorkflowJob chainJob(JenkinsRule j) throws Exception {
        return DagWorkflowStepTest.pipeline(j, "dagWorkflow definition: %s".formatted(Flows.literal(Flows.CHAIN)));
    }

    private static WebResponse post(JenkinsRule.WebClient client, WorkflowRun run, String method) throws Exception {
        String url = run.getUrl() + run.getAction(DagWorkflowAction.class).getUrlName() + "/" + method;
        return client.loadWebResponse(new WebRequest(client.createCrumbedUrl(url), HttpMethod.POST));
    }

    private static <T> T asUser(JenkinsRule j, String user, java.util.concurrent.Callable<T> check) throws Exception {
        try (hudson.security.ACLContext ignored = hudson.security.ACL.as2(
                hudson.model.User.getById(user, true).impersonate2())) {
            return check.call();
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
