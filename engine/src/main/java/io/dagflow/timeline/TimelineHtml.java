package io.dagflow.timeline;

import io.dagflow.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A timeline as one self-contained HTML file: the timeline JSON in a {@code <script
 * type="application/json">} element, and the renderer ({@code timeline.js}) and its styles
 * ({@code timeline.css}) embedded as they are. A web UI serves the same two resources as files
 * instead, with the data from {@link #dataElement} or a URL (see timeline.js); the JavaScript is the
 * same in both cases.
 */
public final class TimelineHtml {

    public static final String SCRIPT_RESOURCE = "/io/dagflow/timeline/timeline.js";
    public static final String STYLE_RESOURCE = "/io/dagflow/timeline/timeline.css";
    public static final String DATA_ELEMENT_ID = "dag-timeline-data";

    private TimelineHtml() {
    }

    /** The renderer's JavaScript source. */
    public static String script() {
        String source = resource(SCRIPT_RESOURCE);
        // The file is embedded in a <script> element, which these sequences would end or disturb.
        String lower = source.toLowerCase(Locale.ROOT);
        if (lower.contains("</script") || lower.contains("<!--")) {
            throw new IllegalStateException(SCRIPT_RESOURCE + " contains '</script' or '<!--' and cannot be embedded");
        }
        return source;
    }

    public static String stylesheet() {
        String source = resource(STYLE_RESOURCE);
        if (source.toLowerCase(Locale.ROOT).contains("</style")) {
            throw new IllegalStateException(STYLE_RESOURCE + " contains '</style' and cannot be embedded");
        }
        return source;
    }

    /**
     * The timeline JSON inside a {@code <script type="application/json" id="dag-timeline-data">}
     * element. Characters that could end the element or start markup are written as JSON escapes,
     * so any node id or error text is safe.
     */
    public static String dataElement(Timeline timeline) {
        return "<script type=\"application/json\" id=\"" + DATA_ELEMENT_ID + "\">" + safeJson(timeline) + "</script>";
    }

    static String safeJson(Timeline timeline) {
        // In JSON text these characters occur only inside strings, where the escapes mean the same.
        return Json.write(timeline)
                .replace("<", "\\u003c")
                .replace(">", "\\u003e")
                .replace("&", "\\u0026")
                .replace("\u2028", "\\u2028")
                .replace("\u2029", "\\u2029");
    }

    /** The whole page. */
    public static String render(Timeline timeline) {
        String title = timeline.workflowName() + " " + timeline.executionId() + " (" + timeline.status() + ")";
        return "<!DOCTYPE html>\n"
                + "<html lang=\"en\">\n"
                + "<head>\n"
                + "<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<meta name=\"generator\" content=\"dagflow\">\n"
                + "<title>" + escapeHtml(title) + " - dagflow timeline</title>\n"
                + "<style>\n" + stylesheet() + "</style>\n"
                + "</head>\n"
                + "<body>\n"
                + "<div class=\"dag-timeline\" data-dag-timeline></div>\n"
                + dataElement(timeline) + "\n"
                + "<script>\n" + script() + "</script>\n"
                + "</body>\n"
                + "</html>\n";
    }

    /** Writes the page to {@code htmlFile}, creating its directory when needed. */
    public static void write(Timeline timeline, Path htmlFile) {
        try {
            Path parent = htmlFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(htmlFile, render(timeline), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the timeline page " + htmlFile + ": " + e.getMessage(), e);
        }
    }

    static String escapeHtml(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String resource(String name) {
        try (InputStream in = TimelineHtml.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath; the engine jar is incomplete");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + name + ": " + e.getMessage(), e);
        }
    }
}
