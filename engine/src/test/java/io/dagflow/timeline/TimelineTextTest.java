package io.dagflow.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineTextTest {

    private static String lineOf(String text, String nodeId) {
        return Arrays.stream(text.split("\n"))
                .filter(l -> l.length() > 2 && l.substring(2).startsWith(nodeId + " "))
                .findFirst().orElseThrow(() -> new AssertionError("no line for " + nodeId + " in\n" + text));
    }

    private static String barOf(String line) {
        return line.substring(line.indexOf('|') + 1, line.lastIndexOf('|'));
    }

    @Test
    void theHeaderNamesTheWorkflowExecutionStatusDurationAndReason() {
        String text = TimelineText.render(TimelineBuilder.from(SampleExecutions.failedWithRetriesAndTimeout()));

        List<String> lines = text.lines().toList();
        assertThat(lines.get(0)).isEqualTo("nightly-etl  execution exec-7f3c  FAILED  10.2s");
        assertThat(lines.get(1)).startsWith("started 2024-05-01T08:00:00Z, ended 2024-05-01T08:00:10.210Z");
        assertThat(text).contains("reason: node 'score' failed; 2 nodes blocked");
        assertThat(text).contains("nodes: 8 (5 completed, 1 failed, 2 blocked)");
    }

    @Test
    void everyNodeHasOneLineInStartOrderWithStatusAttemptsDurationAndWorker() {
        String text = TimelineText.render(TimelineBuilder.from(SampleExecutions.failedWithRetriesAndTimeout()));

        assertThat(lineOf(text, "fetch_orders")).matches("\\* fetch_orders +COMPLETED +2 +3\\.1s  worker-c +\\|.*\\|");
        assertThat(lineOf(text, "score")).matches("\\* score +FAILED +1 +1\\.2s  worker-a +\\|.*\\|");
        assertThat(lineOf(text, "publish")).matches("  publish +BLOCKED +0 +-  - +\\|.*\\|");
        List<String> order = text.lines().filter(l -> l.contains("|") && !l.startsWith("  node"))
                .map(l -> l.substring(2, l.indexOf(' ', 2))).toList();
        assertThat(order).containsExactly("fetch_orders", "fetch_customers", "audit", "clean_orders", "join", "score",
                "publish", "notify");
    }

    @Test
    void barsShareOneTimeAxisAndShowRetriesTimeoutsAndBlocks() {
        String text = TimelineText.render(TimelineBuilder.from(SampleExecutions.failedWithRetriesAndTimeout()), 50);

        String fetchOrders = barOf(lineOf(text, "fetch_orders"));
        assertThat(fetchOrders).hasSize(50);
        assertThat(fetchOrders).matches("x+\\.+-?=+ *");
        String join = barOf(lineOf(text, "join"));
        assertThat(join).matches(" +T+\\.*-?=+ *");
        assertThat(join.indexOf('T')).isGreaterThan(fetchOrders.lastIndexOf('='));
        assertThat(barOf(lineOf(text, "score")).strip()).matches("x+");
        assertThat(barOf(lineOf(text, "publish")).strip()).isEqualTo("!");
        assertThat(barOf(lineOf(text, "score")).stripTrailing()).hasSizeGreaterThan(45);
    }

    @Test
    void notesExplainFailuresRetriesTimeoutsAndBlocks() {
        String text = TimelineText.render(TimelineBuilder.from(SampleExecutions.failedWithRetriesAndTimeout()));

        assertThat(text).contains("attempt 1 failed: HTTP 503 Service Unavailable from orders-api (retried after 1s)");
        assertThat(text).contains("attempt 1 timed out: timed out after 3000 ms (retried after 500ms)");
        assertThat(text).contains("attempt 1 failed: ValueError: model file scores.pkl is missing ...");
        assertThat(text).contains("blocked by score");
        assertThat(text).contains("critical path: fetch_orders -> clean_orders -> join -> score\n");
        assertThat(text).doesNotContain("Traceback");
    }

    @Test
    void givenAResumedExecutionWhenRenderedThenARowShowsTheTimeWithoutOrchestratorAndANoteWhoResumedIt() {
        String text = TimelineText.render(TimelineBuilder.from(SampleExecutions.resumedAfterACrash()), 50);

        String row = lineOf(text, "(orchestrator)");
        assertThat(row).matches("  \\(orchestrator\\) +RESUMED +1 +58\\.5s  orchestrator-1 +\\|.*\\|");
        assertThat(barOf(row)).matches(" \\?+\\^ *");
        assertThat(barOf(row).indexOf('^')).isEqualTo(barOf(lineOf(text, "load")).indexOf('='));
        assertThat(text).contains("      orchestrator-1 stopped after +1.5s (its last event); "
                + "resumed at +1m00s by orchestrator-1\n");
        assertThat(text).contains("? no orchestrator  ^ resumed");
    }

    @Test
    void givenACancelledExecutionWhenRenderedThenTheHeaderSaysWhenTheCancelWasAsked() {
        String text = TimelineText.render(TimelineBuilder.from(SampleExecutions.cancelledWhileTransformRan()), 50);

        assertThat(text).contains("cancel requested at +5s: the build was stopped; each node below stopped when"
                + " its worker confirmed\n");
        assertThat(text).contains("no worker was serving queue 'gpu' at +1s: transform waited for one\n");
    }

    @Test
    void givenAnAttemptThatStartedAgainWhenRenderedThenTheLostRunIsSetApartAndANoteSaysWhereItRan() {
        String text = TimelineText.render(TimelineBuilder.from(SampleExecutions.resumedAndRestarted()), 50);

        String transform = barOf(lineOf(text, "transform"));
        assertThat(transform.strip()).matches("-?/+=+");
        assertThat(transform.indexOf('=')).isEqualTo(barOf(lineOf(text, "(orchestrator)")).indexOf('^'));
        assertThat(text).contains("      attempt 1 started again at +1m00s on worker-b (the run on worker-a was lost);"
                + " it ran 25s from there\n");
        assertThat(text).contains("/ lost run (started again)");
    }

    @Test
    void givenAnExecutionNeverResumedWhenRenderedThenThereIsNoOrchestratorRow() {
        String text = TimelineText.render(TimelineBuilder.from(SampleExecutions.failedWithRetriesAndTimeout()));

        assertThat(text).doesNotContain("(orchestrator)").doesNotContain("^ resumed").doesNotContain("lost run");
    }

    @Test
    void aRunningRerunShowsReusedNodesAndTheRunningAttempt() {
        String text = TimelineText.render(TimelineBuilder.from(SampleExecutions.runningRerun(), SampleExecutions.T0 + 62_000));

        assertThat(text.lines().findFirst()).contains("nightly-etl  execution exec-9a01  RUNNING  2s");
        assertThat(text).contains("still running as of 2024-05-01T08:01:02Z");
        assertThat(text).contains("rerun of exec-7f3c");
        assertThat(lineOf(text, "join")).matches("  join +COMPLETED +R +- +- +\\|R +\\|");
        assertThat(text).contains("reused the result of execution exec-7f3c (attempt 2)");
        assertThat(barOf(lineOf(text, "publish"))).matches(" +>+");
        assertThat(text).contains("critical path: score -> publish\n");
    }

    @Test
    void thereIsNoAsciiArtBeyondPlainAscii() {
        String text = TimelineText.render(TimelineBuilder.from(SampleExecutions.failedWithRetriesAndTimeout()));

        assertThat(text.chars()).allMatch(c -> c == '\n' || (c >= 32 && c < 127));
    }
}
