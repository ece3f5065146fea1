package io.dagflow.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import io.dagflow.event.WorkflowEvent;
import io.dagflow.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens timeline pages in a real headless Chromium and checks what it drew. Skipped where no
 * Chromium is installed (CI installs Debian's chromium, so it runs there). Pages and screenshots
 * are kept under target/timeline-browser for inspection.
 */
class TimelinePageInChromiumTest {

    private static final Path ARTIFACTS = Path.of(System.getProperty("basedir", ".")).resolve("target/timeline-browser");

    private static HeadlessChromium chromium;

    @TempDir
    Path work;

    @BeforeAll
    static void findChromium() throws IOException {
        Optional<HeadlessChromium> found = HeadlessChromium.find();
        assumeTrue(found.isPresent(), "no Chromium found (set DAGFLOW_CHROMIUM or install Debian's chromium): "
                + "skipping the tests that render timelines in a browser");
        chromium = found.get();
        Files.createDirectories(ARTIFACTS);
    }

    private record Page(Timeline timeline, DomElements dom, HeadlessChromium.Run run) {
    }

    private Page open(String name, Timeline timeline) throws Exception {
        Path html = ARTIFACTS.resolve(name + ".html");
        TimelineHtml.write(timeline, html);
        HeadlessChromium.Run run = chromium.dumpDom(html.toUri().toString(), work);
        return new Page(timeline, new DomElements(run.dom()), run);
    }

    private static void assertRenderedWithoutErrors(Page page) {
        assertThat(page.run().pageErrors()).as("console errors of the page").isEmpty();
        assertThat(page.dom().withAttribute("id", "dag-timeline-error")).as("error box of the page").isEmpty();
        assertThat(page.dom().withAttribute("data-rendered", "true")).as("rendered timeline roots").hasSize(1);
    }

    private static Set<String> attemptsOf(Timeline timeline) {
        return timeline.nodes().stream()
                .flatMap(n -> n.attempts().stream().map(a -> n.id() + "#" + a.attempt() + ":" + a.outcome()))
                .collect(Collectors.toSet());
    }

    private static List<String> drawnAttempts(DomElements dom) {
        return dom.withClass("dt-attempt").stream()
                .map(e -> e.attribute("data-node") + "#" + e.attribute("data-attempt") + ":" + e.attribute("data-outcome"))
                .toList();
    }

    @Test
    void everyAttemptOfAFailedExecutionIsDrawnWithItsOutcome() throws Exception {
        Page page = open("failed", TimelineBuilder.from(SampleExecutions.failedWithRetriesAndTimeout()));

        assertRenderedWithoutErrors(page);
        List<String> drawn = drawnAttempts(page.dom());
        assertThat(drawn).containsExactlyInAnyOrderElementsOf(attemptsOf(page.timeline()));
        assertThat(drawn).contains("fetch_orders#1:FAILED", "fetch_orders#2:COMPLETED", "join#1:TIMED_OUT",
                "join#2:COMPLETED", "score#1:FAILED");
        assertThat(page.dom().withClass("dt-timeout-mark")).hasSize(1);
        assertThat(page.dom().withClass("dt-backoff")).extracting(e -> e.attribute("data-node"))
                .containsExactlyInAnyOrder("fetch_orders", "join");
        assertThat(page.dom().withClass("dt-blocked-mark")).extracting(e -> e.attribute("data-node"))
                .containsExactlyInAnyOrder("publish", "notify");
        assertThat(page.dom().withClass("dt-row")).extracting(e -> e.attribute("data-node") + ":" + e.attribute("data-status"))
                .containsExactly("fetch_orders:COMPLETED", "fetch_customers:COMPLETED", "audit:COMPLETED",
                        "clean_orders:COMPLETED", "join:COMPLETED", "score:FAILED", "publish:BLOCKED", "notify:BLOCKED");
        assertThat(page.dom().withClass("dt-badge-FAILED")).isNotEmpty();
    }

    @Test
    void theCriticalPathIsMarkedInTheChartAndInTheGraph() throws Exception {
        Page page = open("failed-critical", TimelineBuilder.from(SampleExecutions.failedWithRetriesAndTimeout()));

        assertRenderedWithoutErrors(page);
        List<String> path = page.timeline().criticalPath();
        assertThat(path).containsExactly("fetch_orders", "clean_orders", "join", "score");
        assertThat(page.dom().withClass("dt-row")).filteredOn(e -> "true".equals(e.attribute("data-critical")))
                .extracting(e -> e.attribute("data-node")).containsExactlyElementsOf(path);
        assertThat(page.dom().withClass("dt-critical-link")).extracting(e -> e.attribute("data-from") + ">" + e.attribute("data-to"))
                .containsExactly("fetch_orders>clean_orders", "clean_orders>join", "join>score");
        assertThat(page.dom().withClass("dt-graph-node")).hasSize(8);
        assertThat(page.dom().withClass("dt-graph-node")).filteredOn(e -> e.hasClass("dt-critical"))
                .extracting(e -> e.attribute("data-node")).containsExactlyInAnyOrderElementsOf(path);
        assertThat(page.dom().withClass("dt-edge")).hasSize(7);
        assertThat(page.dom().withClass("dt-edge-critical")).extracting(e -> e.attribute("data-from") + ">" + e.attribute("data-to"))
                .containsExactlyInAnyOrder("fetch_orders>clean_orders", "clean_orders>join", "join>score");
        assertThat(page.dom().withClass("dt-details")).singleElement()
                .extracting(e -> e.attribute("data-node")).isEqualTo("score");

        Path screenshot = ARTIFACTS.resolve("failed.png");
        chromium.screenshot(ARTIFACTS.resolve("failed-critical.html").toUri().toString(), screenshot, work);
        assertThat(Files.readAllBytes(screenshot)).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void aRunningRerunShowsReusedNodesAndTheRunningAttempt() throws Exception {
        Page page = open("running-rerun",
                TimelineBuilder.from(SampleExecutions.runningRerun(), SampleExecutions.T0 + 62_000));

        assertRenderedWithoutErrors(page);
        assertThat(page.dom().withClass("dt-reused-mark")).extracting(e -> e.attribute("data-node"))
                .containsExactlyInAnyOrder("fetch_orders", "fetch_customers", "clean_orders", "join", "audit");
        assertThat(drawnAttempts(page.dom())).containsExactlyInAnyOrder("score#1:COMPLETED", "publish#1:RUNNING");
        assertThat(page.dom().withClass("dag-timeline")).singleElement()
                .extracting(e -> e.attribute("data-status")).isEqualTo("RUNNING");
        assertThat(page.dom().withClass("dt-node-reused")).hasSize(5);
    }

    @Test
    void givenAResumedExecutionWhenDrawnThenTheStretchWithoutOrchestratorAndTheResumeAreMarked() throws Exception {
        Page page = open("resumed", TimelineBuilder.from(SampleExecutions.resumedAfterACrash()));

        assertRenderedWithoutErrors(page);
        assertThat(drawnAttempts(page.dom())).containsExactlyInAnyOrderElementsOf(attemptsOf(page.timeline()));
        assertThat(page.dom().withClass("dt-resume-gap")).singleElement()
                .extracting(e -> e.attribute("data-resumed-by")).isEqualTo("orchestrator-1");
        assertThat(page.dom().withClass("dt-resume-mark")).hasSize(1);
        assertThat(page.dom().withClass("dt-resumed")).hasSize(1);
        assertThat(page.run().dom()).contains("orchestrator-1 stopped after +1.5s; resumed at +1m00s by orchestrator-1");
        assertThat(page.dom().withClass("dt-swatch-resumed")).hasSize(1);
        chromium.screenshot(ARTIFACTS.resolve("resumed.html").toUri().toString(), ARTIFACTS.resolve("resumed.png"), work);
    }

    @Test
    void givenTheRoomOfAJenkinsBuildPageAt1280PixelsWhenDrawnThenTheChartFitsBesideTheDetailsPanel()
            throws Exception {
        Path html = ARTIFACTS.resolve("narrow.html");
        TimelineHtml.write(TimelineBuilder.from(SampleExecutions.failedWithRetriesAndTimeout()), html);

        // Jenkins gives the page about 1,000 of a 1,280 px window, beside its own side panel.
        DomElements dom = new DomElements(chromium.dumpDom(html.toUri().toString(), work, 1000).dom());

        int chart = Integer.parseInt(dom.withClass("dt-chart").get(0).attribute("width"));
        int axis = Integer.parseInt(dom.withClass("dt-axis").get(0).attribute("width"));
        assertThat(chart).as("chart width in 1000 px beside a 340 px panel").isLessThanOrEqualTo(1000 - 340);
        assertThat(axis).isEqualTo(chart);
    }

    @Test
    void givenSkippedNodesWhenDrawnThenEachHasItsMarkAndBadge() throws Exception {
        Page page = open("skipped", TimelineBuilder.from(SampleExecutions.withSkippedNodes()));

        assertRenderedWithoutErrors(page);
        assertThat(page.dom().withClass("dt-skipped-mark")).hasSize(2);
        assertThat(page.dom().withClass("dt-swatch-SKIPPED")).hasSize(1);
        assertThat(page.run().dom()).contains("deploy skipped: its condition is false");
    }

    @Test
    void givenACancelledExecutionWhenDrawnThenTheCancelRequestIsMarkedAndEachNodeEndsWhenItStopped()
            throws Exception {
        Page page = open("cancelled", TimelineBuilder.from(SampleExecutions.cancelledWhileTransformRan()));

        assertRenderedWithoutErrors(page);
        assertThat(page.dom().withClass("dt-cancel-mark")).hasSize(1);
        assertThat(page.dom().withClass("dt-swatch-cancel")).hasSize(1);
        assertThat(page.run().dom()).contains("cancel requested at +5s: the build was stopped");
        assertThat(page.dom().withClass("dt-unserved")).hasSize(1);
        assertThat(page.run().dom()).contains("no worker was serving queue 'gpu' at +1s: transform waited for one");
    }

    @Test
    void givenAnAttemptThatStartedAgainWhenDrawnThenItsLostRunAndTheRestartAreMarkedApartFromTheRun()
            throws Exception {
        Page page = open("restarted", TimelineBuilder.from(SampleExecutions.resumedAndRestarted()));

        assertRenderedWithoutErrors(page);
        assertThat(drawnAttempts(page.dom())).containsExactlyInAnyOrderElementsOf(attemptsOf(page.timeline()));
        assertThat(page.dom().withClass("dt-lost")).singleElement()
                .extracting(e -> e.attribute("data-node")).isEqualTo("transform");
        assertThat(page.dom().withClass("dt-restart-mark")).singleElement()
                .extracting(e -> e.attribute("data-worker")).isEqualTo("worker-b");
        assertThat(page.run().dom()).contains("ran 25s on worker-b")
                .contains("started again at +1m00s on worker-b; the run on worker-a was lost");
        assertThat(page.dom().withClass("dt-swatch-lost")).hasSize(1);
        chromium.screenshot(ARTIFACTS.resolve("restarted.html").toUri().toString(), ARTIFACTS.resolve("restarted.png"),
                work);
    }

    @Test
    void givenAnExecutionNeverResumedWhenDrawnThenNothingIsMarkedAsResumed() throws Exception {
        Page page = open("not-resumed", TimelineBuilder.from(SampleExecutions.failedWithRetriesAndTimeout()));

        assertRenderedWithoutErrors(page);
        assertThat(page.dom().withClass("dt-resume-mark")).isEmpty();
        assertThat(page.dom().withClass("dt-swatch-resumed")).isEmpty();
        assertThat(page.dom().withClass("dt-lost")).isEmpty();
    }

    @Test
    void aThousandNodeExecutionRendersEveryAttemptWithoutErrors() throws Exception {
        Timeline timeline = TimelineBuilder.from(SampleExecutions.large(40, 30));
        Page page = open("large", timeline);

        assertRenderedWithoutErrors(page);
        assertThat(timeline.nodes()).hasSize(1_200);
        assertThat(drawnAttempts(page.dom())).hasSize(attemptsOf(timeline).size())
                .containsExactlyInAnyOrderElementsOf(attemptsOf(timeline));
        assertThat(page.dom().withClass("dt-row")).hasSize(1_200);
        assertThat(page.dom().withClass("dt-graph-node")).hasSize(1_200);
        assertThat(page.dom().withClass("dt-row")).filteredOn(e -> "true".equals(e.attribute("data-critical")))
                .hasSize(40);
        chromium.screenshot(ARTIFACTS.resolve("large.html").toUri().toString(), ARTIFACTS.resolve("large.png"), work);
    }

    @Test
    void nodeIdsAndErrorsWithMarkupAreShownAsTextAndNeverRun() throws Exception {
        String hostile = "x</script><img src=y onerror=\"document.title='pwned'\">";
        // Definition files cannot have such ids, but the renderer must not trust its data either.
        WorkflowText definition = WorkflowText.named("<b>bold</b>").node(hostile, "http").node("after", "http", hostile);
        List<WorkflowEvent> events = ExecutionEvents.started("e-<i>", definition.text(), 1_000)
                .dispatched(hostile, 1, 1_010).startedOn(hostile, 1, 1_020, "<worker>")
                .failed(hostile, 1, 1_500, "<img src=z onerror=alert(1)> & </script>")
                .blocked("after", 1_501, hostile)
                .workflowFailed(1_502, "<script>alert(2)</script>")
                .list();

        Page page = open("markup", TimelineBuilder.from(events, definition.definition(), 0));

        assertRenderedWithoutErrors(page);
        assertThat(page.dom().withTag("img")).isEmpty();
        assertThat(page.dom().withTag("b")).isEmpty();
        assertThat(page.dom().withTag("i")).isEmpty();
        assertThat(page.run().dom()).doesNotContain("<title>pwned");
        assertThat(drawnAttempts(page.dom())).containsExactly(hostile + "#1:FAILED");
        assertThat(page.run().dom()).contains("&lt;img src=z onerror=alert(1)&gt; &amp; &lt;/script&gt;");
    }

    @Test
    void aPageUnderAStrictContentSecurityPolicyLoadsTheRendererAndTheDataFromUrls() throws Exception {
        Timeline timeline = TimelineBuilder.from(SampleExecutions.failedWithRetriesAndTimeout());
        String page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                + "<link rel=\"stylesheet\" href=\"/static/timeline.css\"></head><body>"
                + "<div data-dag-timeline data-timeline-url=\"/api/timeline.json\"></div>"
                + "<script src=\"/static/timeline.js\"></script></body></html>";
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        List<String> requested = new ArrayList<>();
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            synchronized (requested) {
                requested.add(path);
            }
            String body;
            String type;
            switch (path) {
                case "/" -> {
                    body = page;
                    type = "text/html";
                }
                case "/static/timeline.js" -> {
                    body = TimelineHtml.script();
                    type = "application/javascript";
                }
                case "/static/timeline.css" -> {
                    body = TimelineHtml.stylesheet();
                    type = "text/css";
                }
                case "/api/timeline.json" -> {
                    body = Json.write(timeline);
                    type = "application/json";
                }
                default -> {
                    body = "not found";
                    type = "text/plain";
                }
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", type + "; charset=utf-8");
            // What Jenkins sends for plugin pages: no inline script or style at all.
            exchange.getResponseHeaders().add("Content-Security-Policy",
                    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'");
            exchange.sendResponseHeaders(body.equals("not found") ? 404 : 200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";

            HeadlessChromium.Run run = chromium.dumpDom(url, work);
            DomElements dom = new DomElements(run.dom());

            assertThat(run.pageErrors()).as("console errors and CSP refusals").isEmpty();
            assertThat(dom.withAttribute("id", "dag-timeline-error")).isEmpty();
            assertThat(dom.withAttribute("data-rendered", "true")).hasSize(1);
            assertThat(drawnAttempts(dom)).containsExactlyInAnyOrderElementsOf(attemptsOf(timeline));
            assertThat(requested).contains("/static/timeline.js", "/static/timeline.css", "/api/timeline.json");
        } finally {
            server.stop(0);
        }
    }
}
