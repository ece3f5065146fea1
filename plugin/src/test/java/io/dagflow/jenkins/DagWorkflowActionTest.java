package io.dagflow.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Item;
import hudson.model.Result;
import io.dagflow.handler.Handler;
import java.net.HttpURLConnection;
import java.util.Collection;
import java.util.List;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.htmlunit.Page;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlAnchor;
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
class DagWorkflowActionTest {

    @BeforeEach
    void resetHandlers() {
        TestHandlers.reset();
    }

    @Test
    void eachWorkflowOfABuildHasItsOwnActionAndTimelineJson(JenkinsRule j) throws Exception {
        WorkflowJob job = DagWorkflowStepTest.pipeline(j, """
                dagWorkflow definition: %s, inputs: [who: 'one']
                dagWorkflow definition: %s
                """.formatted(Flows.literal(Flows.GREET), Flows.literal(Flows.CHAIN)));

        WorkflowRun build = j.buildAndAssertSuccess(job);

        List<DagWorkflowAction> actions = build.getActions(DagWorkflowAction.class);
        assertEquals(2, actions.size());
        assertEquals("dagflow-1", actions.get(0).getUrlName());
        assertEquals("dagflow-2", actions.get(1).getUrlName());
        JSONObject timeline = j.createWebClient()
                .getJSON(build.getUrl() + "dagflow-2/timelineJson").getJSONObject();
        assertEquals("chain", timeline.getString("workflow_name"));
        assertEquals("COMPLETED", timeline.getString("status"));
        assertEquals(actions.get(1).getExecutionId(), timeline.getString("execution_id"));
        assertEquals(5, timeline.getJSONArray("nodes").size());
    }

    @Test
    void theBuildPageSummarisesTheWorkflowAndTheTimelinePageLoadsTheRendererWithoutInlineScript(JenkinsRule j)
            throws Exception {
        WorkflowJob job = DagWorkflowStepTest.pipeline(j, "dagWorkflow definition: %s, inputs: [who: 'page']"
                .formatted(Flows.literal(Flows.GREET)));
        WorkflowRun build = j.buildAndAssertSuccess(job);
        JenkinsRule.WebClient client = j.createWebClient();
        client.getOptions().setJavaScriptEnabled(false);

        HtmlPage buildPage = client.getPage(build);
        assertTrue(buildPage.asNormalizedText().contains("Workflow 'greet' COMPLETED"), buildPage.asNormalizedText());

        HtmlPage timelinePage = client.getPage(build, "dagflow-1/");
        DomElement container = timelinePage.getFirstByXPath("//div[@data-dag-timeline]");
        assertTrue(container.getAttribute("data-timeline-url").endsWith(build.getUrl() + "dagflow-1/timelineJson"));
        for (DomElement script : timelinePage.getElementsByTagName("script")) {
            if (script.getAttribute("src").endsWith("dagflow-1/timelineJs")) {
                return;
            }
        }
        throw new AssertionError("the timeline page does not load dagflow-1/timelineJs");
    }

    @Test
    void theBuildPageSummaryNestsNoLinkInAnother(JenkinsRule j) throws Exception {
        TestHandlers.failing = true;
        WorkflowJob job = DagWorkflowStepTest.pipeline(j, "dagWorkflow definition: %s"
                .formatted(Flows.literal(Flows.CHAIN)));
        WorkflowRun build = j.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));
        JenkinsRule.WebClient client = j.createWebClient();
        client.getOptions().setJavaScriptEnabled(false);

        HtmlPage buildPage = client.getPage(build);

        List<HtmlAnchor> links = buildPage.getAnchors().stream()
                .filter(a -> a.getHrefAttribute().startsWith("dagflow-1")).toList();
        assertEquals(List.of("dagflow-1", "dagflow-1/rerun"),
                links.stream().map(HtmlAnchor::getHrefAttribute).toList());
        for (HtmlAnchor link : links) {
            for (DomNode parent = link.getParentNode(); parent != null; parent = parent.getParentNode()) {
                assertFalse(parent instanceof HtmlAnchor, link.getHrefAttribute() + " is inside another link");
            }
        }
    }

    @Test
    void theRendererIsServedFromTheEngineJar(JenkinsRule j) throws Exception {
        WorkflowJob job = DagWorkflowStepTest.pipeline(j, "dagWorkflow definition: %s, inputs: [who: 'js']"
                .formatted(Flows.literal(Flows.GREET)));
        WorkflowRun build = j.buildAndAssertSuccess(job);

        Page script = j.createWebClient().goTo(build.getUrl() + "dagflow-1/timelineJs", null);

        assertEquals(HttpURLConnection.HTTP_OK, script.getWebResponse().getStatusCode());
        assertTrue(script.getWebResponse().getContentAsString().contains("data-timeline-url"));
    }

    @Test
    void theTimelineIsOnlyForThoseWhoMayReadTheJob(JenkinsRule j) throws Exception {
        WorkflowJob job = DagWorkflowStepTest.pipeline(j, "dagWorkflow definition: %s, inputs: [who: 'secret']"
                .formatted(Flows.literal(Flows.GREET)));
        WorkflowRun build = j.buildAndAssertSuccess(job);
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ).everywhere().to("outsider")
                .grant(Jenkins.READ, Item.READ).everywhere().to("reader"));

        JenkinsRule.WebClient outsider = j.createWebClient().login("outsider");
        outsider.assertFails(build.getUrl() + "dagflow-1/timelineJson", HttpURLConnection.HTTP_NOT_FOUND);

        JenkinsRule.WebClient reader = j.createWebClient().login("reader");
        assertEquals("greet", reader.getJSON(build.getUrl() + "dagflow-1/timelineJson").getJSONObject()
                .getString("workflow_name"));
    }

    @TestExtension
    public static final class Handlers extends HandlerContribution {
        @Override
        public Collection<? extends Handler> handlers() {
            return TestHandlers.all();
        }
    }
}
