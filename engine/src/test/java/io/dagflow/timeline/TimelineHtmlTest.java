package io.dagflow.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagflow.event.WorkflowEvent;
import io.dagflow.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimelineHtmlTest {

    @TempDir
    Path dir;

    private static String resource(String name) throws IOException {
        try (InputStream in = TimelineHtml.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start) + start.length();
        return text.substring(from, text.indexOf(end, from));
    }

    @Test
    void thePageEmbedsTheRendererAndStylesUnchangedAndTheTimelineAsData() throws IOException {
        Timeline timeline = TimelineBuilder.from(SampleExecutions.failedWithRetriesAndTimeout());
        Path file = dir.resolve("reports/run/timeline.html");

        TimelineHtml.write(timeline, file);

        String page = Files.readString(file);
        assertThat(page).startsWith("<!DOCTYPE html>");
        assertThat(page).contains("<script>\n" + resource(TimelineHtml.SCRIPT_RESOURCE) + "</script>");
        assertThat(page).contains("<style>\n" + resource(TimelineHtml.STYLE_RESOURCE) + "</style>");
        assertThat(page).contains("<div class=\"dag-timeline\" data-dag-timeline></div>");
        assertThat(page).contains("<title>nightly-etl exec-7f3c (FAILED) - dagflow timeline</title>");
        String data = between(page, "<script type=\"application/json\" id=\"dag-timeline-data\">", "</script>");
        assertThat(Json.read(data, Timeline.class)).isEqualTo(timeline);
        assertThat(page.replace("'http://www.w3.org/2000/svg'", "")).doesNotContain("http://").doesNotContain("https://");
    }

    @Test
    void textThatCouldEndTheDataElementIsWrittenAsJsonEscapes() {
        String hostile = "</script><script>alert(1)</script>";
        WorkflowText definition = WorkflowText.named("w").node(hostile, "h");
        List<WorkflowEvent> events = ExecutionEvents.started("e1", definition.text(), 0)
                .dispatched(hostile, 1, 1).failed(hostile, 1, 2, "a & b <!-- c -->\u2028")
                .list();
        Timeline timeline = TimelineBuilder.from(events, definition.definition(), 0);

        String element = TimelineHtml.dataElement(timeline);

        String data = between(element, "id=\"dag-timeline-data\">", "</script>");
        assertThat(data).doesNotContain("<").doesNotContain(">").doesNotContain("&").doesNotContain("\u2028");
        assertThat(element).endsWith("</script>");
        assertThat(Json.read(data, Timeline.class)).isEqualTo(timeline);
        assertThat(TimelineHtml.render(timeline)).contains("<title>w e1 (RUNNING) - dagflow timeline</title>");
    }

    @Test
    void markupInTheTitleIsEscaped() {
        assertThat(TimelineHtml.escapeHtml("<b>\"x\" & 'y'</b>")).isEqualTo("&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;");
    }

    @Test
    void theRendererUsesNoNetworkNoEvalAndNoMarkupInjection() throws IOException {
        String script = TimelineHtml.script();

        assertThat(script).doesNotContain(".innerHTML").doesNotContain(".outerHTML").doesNotContain("eval(")
                .doesNotContain("new Function").doesNotContain("document.write").doesNotContain("fetch(")
                .doesNotContain(".style.").doesNotContain("setAttribute('style'");
        assertThat(script.replace("'http://www.w3.org/2000/svg'", "")).doesNotContain("http://").doesNotContain("https://");
        assertThat(resource(TimelineHtml.STYLE_RESOURCE)).doesNotContain("@import").doesNotContain("url(");
    }
}
