package io.dagflow.timeline;

import io.dagflow.model.NodeStatus;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A timeline for a terminal: a header, one line per node in start order with an ASCII bar on a
 * time axis shared by all nodes, notes under nodes that failed, retried or were blocked, and the
 * critical path. Plain ASCII, so it survives any terminal, log file or CI console.
 */
public final class TimelineText {

    public static final int DEFAULT_BAR_WIDTH = 50;
    private static final int MAX_ID_WIDTH = 32;
    private static final int MAX_WORKER_WIDTH = 16;
    private static final int MAX_NOTE = 140;

    static final char QUEUED = '-';
    static final char BACKOFF = '.';
    static final char REUSED = 'R';
    static final char BLOCKED = '!';
    static final char LOST = '/';
    static final char NO_ORCHESTRATOR = '?';
    static final char RESUMED = '^';
    private static final String ORCHESTRATOR_ROW = "(orchestrator)";

    private final Timeline timeline;
    private final int barWidth;
    private final StringBuilder out = new StringBuilder();

    private TimelineText(Timeline timeline, int barWidth) {
        this.timeline = timeline;
        this.barWidth = barWidth;
    }

    public static String render(Timeline timeline) {
        return render(timeline, DEFAULT_BAR_WIDTH);
    }

    public static String render(Timeline timeline, int barWidth) {
        if (barWidth < 10) {
            throw new IllegalArgumentException("the bar needs at least 10 columns, was given " + barWidth);
        }
        return new TimelineText(timeline, barWidth).render();
    }

    static char symbol(AttemptOutcome outcome) {
        return switch (outcome) {
            case COMPLETED -> '=';
            case FAILED -> 'x';
            case TIMED_OUT -> 'T';
            case CANCELLED -> '~';
            case RUNNING -> '>';
        };
    }

    private String render() {
        header();
        boolean resumed = !timeline.resumes().isEmpty();
        int idWidth = Math.max(resumed ? ORCHESTRATOR_ROW.length() : 4, Math.min(MAX_ID_WIDTH,
                timeline.nodes().stream().mapToInt(n -> n.id().length()).max().orElse(4)));
        int workerWidth = Math.max(6, Math.min(MAX_WORKER_WIDTH, Math.max(
                timeline.nodes().stream().mapToInt(n -> lastWorker(n).length()).max().orElse(6),
                resumed ? resumingOrchestrator().length() : 0)));
        String prefix = String.format("  %-" + idWidth + "s %-9s %4s %8s  %-" + workerWidth + "s ",
                "node", "status", "att", "took", "worker");
        out.append('\n').append(prefix).append(axis()).append('\n');
        if (resumed) {
            orchestratorRow(idWidth, workerWidth);
        }
        for (TimelineNode node : timeline.nodes()) {
            out.append(node.critical() ? '*' : ' ').append(' ');
            out.append(String.format("%-" + idWidth + "s %-9s %4s %8s  %-" + workerWidth + "s ",
                    clip(node.id(), idWidth), node.status(), attemptsColumn(node),
                    node.firstAt() == null ? "-" : DurationText.format(node.durationMillis(timeline.observedAt())),
                    clip(lastWorker(node), workerWidth)));
            out.append('|').append(bar(node)).append("|\n");
            notes(node);
        }
        footer();
        return out.toString();
    }

    /**
     * The stretches no orchestrator ran the execution, on the nodes' time axis, so that a gap in
     * the bars below reads as the stop it was.
     */
    private void orchestratorRow(int idWidth, int workerWidth) {
        long without = timeline.resumes().stream().mapToLong(TimelineResume::gapMillis).sum();
        out.append("  ").append(String.format("%-" + idWidth + "s %-9s %4s %8s  %-" + workerWidth + "s ",
                ORCHESTRATOR_ROW, "RESUMED", timeline.resumes().size(), DurationText.format(without),
                clip(resumingOrchestrator(), workerWidth)));
        char[] bar = new char[barWidth];
        java.util.Arrays.fill(bar, ' ');
        for (TimelineResume resume : timeline.resumes()) {
            fill(bar, resume.lastEventAt(), resume.at(), NO_ORCHESTRATOR);
            bar[column(resume.at())] = RESUMED;
        }
        out.append('|').append(bar).append("|\n");
        for (TimelineResume resume : timeline.resumes()) {
            out.append("      ").append(resume.previousOwner() == null ? "the orchestrator" : resume.previousOwner())
                    .append(" stopped after ").append(relative(resume.lastEventAt())).append(" (its last event); ")
                    .append("resumed at ").append(relative(resume.at())).append(" by ").append(resume.orchestrator())
                    .append('\n');
        }
    }

    private String resumingOrchestrator() {
        String last = timeline.resumes().get(timeline.resumes().size() - 1).orchestrator();
        return last == null ? "-" : last;
    }

    /** A moment as an offset from the start of the execution, as the axis reads. */
    private String relative(long time) {
        return "+" + DurationText.format(time - timeline.startedAt());
    }

    private void header() {
        out.append(timeline.workflowName()).append("  execution ").append(timeline.executionId())
                .append("  ").append(timeline.status())
                .append("  ").append(DurationText.format(timeline.durationMs())).append('\n');
        out.append("started ").append(Instant.ofEpochMilli(timeline.startedAt()));
        if (timeline.endedAt() != null) {
            out.append(", ended ").append(Instant.ofEpochMilli(timeline.endedAt()));
        } else {
            out.append(", still running as of ").append(Instant.ofEpochMilli(timeline.observedAt()));
        }
        out.append('\n');
        if (timeline.rerunOf() != null) {
            out.append("rerun of ").append(timeline.rerunOf()).append('\n');
        }
        if (timeline.reason() != null) {
            out.append("reason: ").append(oneLine(timeline.reason())).append('\n');
        }
        for (TimelineUnservedQueue unserved : timeline.unservedQueues()) {
            out.append("no worker was serving queue '").append(unserved.queue()).append("' at ")
                    .append(relative(unserved.at())).append(": ").append(String.join(", ", unserved.waiting()))
                    .append(" waited for one\n");
        }
        TimelineCancel cancel = timeline.cancelRequested();
        if (cancel != null) {
            out.append(cancel.deadline() ? "deadline passed at " : "cancel requested at ").append(relative(cancel.at()))
                    .append(cancel.reason() == null ? "" : ": " + oneLine(cancel.reason()))
                    .append("; each node below stopped when its worker confirmed\n");
        }
        Map<NodeStatus, Long> counts = new EnumMap<>(NodeStatus.class);
        timeline.nodes().forEach(n -> counts.merge(n.status(), 1L, Long::sum));
        out.append("nodes: ").append(timeline.nodes().size()).append(" (")
                .append(counts.entrySet().stream()
                        .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase())
                        .collect(Collectors.joining(", ")))
                .append(")\n");
    }

    private String axis() {
        char[] line = new char[barWidth + 2];
        java.util.Arrays.fill(line, ' ');
        String start = "0s";
        String middle = DurationText.format(timeline.durationMs() / 2);
        String end = DurationText.format(timeline.durationMs());
        place(line, start, 1);
        place(line, middle, 1 + barWidth / 2 - middle.length() / 2);
        place(line, end, barWidth + 1 - end.length());
        return new String(line).stripTrailing();
    }

    private static void place(char[] line, String text, int at) {
        for (int i = 0; i < text.length() && at + i < line.length; i++) {
            if (at + i >= 0) {
                line[at + i] = text.charAt(i);
            }
        }
    }

    private String bar(TimelineNode node) {
        char[] bar = new char[barWidth];
        java.util.Arrays.fill(bar, ' ');
        List<TimelineAttempt> attempts = node.attempts();
        for (int i = 0; i < attempts.size(); i++) {
            TimelineAttempt attempt = attempts.get(i);
            long end = attempt.endedAt() != null ? attempt.endedAt() : timeline.observedAt();
            Long dispatched = attempt.dispatchedAt();
            Long started = attempt.startedAt();
            if (dispatched != null) {
                fill(bar, dispatched, started != null ? started : end, QUEUED);
            }
            long runFrom = started != null ? started : dispatched != null ? dispatched : end;
            if (!attempt.restarts().isEmpty()) {
                runFrom = attempt.lastStartedAt();
                fill(bar, started, runFrom, LOST);
            }
            if (started != null || attempt.outcome() != AttemptOutcome.RUNNING) {
                fill(bar, runFrom, end, symbol(attempt.outcome()));
            }
            if (attempt.retryBackoffMs() != null && attempt.endedAt() != null) {
                Long next = i + 1 < attempts.size() ? attempts.get(i + 1).dispatchedAt() : null;
                long waitEnd = next != null ? next : Math.min(timeline.observedAt(), end + attempt.retryBackoffMs());
                fillBetween(bar, end, waitEnd, BACKOFF);
            }
        }
        if (node.reused() && node.endedAt() != null) {
            bar[column(node.endedAt())] = REUSED;
        } else if (node.status() == NodeStatus.BLOCKED && node.endedAt() != null) {
            bar[column(node.endedAt())] = BLOCKED;
        } else if (attempts.isEmpty() && node.status() == NodeStatus.CANCELLED && node.endedAt() != null) {
            bar[column(node.endedAt())] = symbol(AttemptOutcome.CANCELLED);
        }
        return new String(bar);
    }

    /** Fills the columns from {@code from} up to {@code to}, always at least the column of {@code from}. */
    private void fill(char[] bar, long from, long to, char symbol) {
        int first = column(from);
        int last = Math.max(first, edge(to) - 1);
        for (int c = first; c <= last; c++) {
            bar[c] = symbol;
        }
    }

    /** Fills the blank columns from one moment up to (not including) another's column. */
    private void fillBetween(char[] bar, long from, long to, char symbol) {
        for (int c = column(from); c < column(to); c++) {
            if (bar[c] == ' ') {
                bar[c] = symbol;
            }
        }
    }

    /** The column a moment falls in. */
    private int column(long time) {
        return Math.min(barWidth - 1, edge(time));
    }

    /** The column boundary at a moment: 0 at the start, {@code barWidth} at the end of the axis. */
    private int edge(long time) {
        long span = Math.max(1, timeline.durationMs());
        long offset = Math.max(0, time - timeline.startedAt());
        return (int) Math.min(barWidth, offset * barWidth / span);
    }

    private void notes(TimelineNode node) {
        String indent = "      ";
        if (node.reused()) {
            out.append(indent).append("reused the result of execution ").append(node.reusedFrom());
            if (node.reusedFromAttempt() != null) {
                out.append(" (attempt ").append(node.reusedFromAttempt()).append(')');
            }
            out.append('\n');
        }
        if (node.blockedBy() != null) {
            out.append(indent).append("blocked by ").append(node.blockedBy()).append('\n');
        }
        boolean errorShown = false;
        for (TimelineAttempt attempt : node.attempts()) {
            restartNotes(attempt, indent);
            if (attempt.outcome() == AttemptOutcome.FAILED || attempt.outcome() == AttemptOutcome.TIMED_OUT) {
                out.append(indent).append("attempt ").append(attempt.attempt())
                        .append(attempt.outcome() == AttemptOutcome.TIMED_OUT ? " timed out" : " failed");
                if (attempt.error() != null) {
                    out.append(": ").append(clip(oneLine(attempt.error()), MAX_NOTE));
                    errorShown |= attempt.error().equals(node.error());
                }
                if (attempt.retryBackoffMs() != null) {
                    out.append(" (retried after ").append(DurationText.format(attempt.retryBackoffMs())).append(')');
                }
                out.append('\n');
            }
        }
        if (node.error() != null && !errorShown && node.status() == NodeStatus.FAILED) {
            out.append(indent).append("error: ").append(clip(oneLine(node.error()), MAX_NOTE)).append('\n');
        }
    }

    private void restartNotes(TimelineAttempt attempt, String indent) {
        List<TimelineRestart> restarts = attempt.restarts();
        for (int i = 0; i < restarts.size(); i++) {
            TimelineRestart restart = restarts.get(i);
            out.append(indent).append("attempt ").append(attempt.attempt()).append(" started again at ")
                    .append(relative(restart.at())).append(" on ").append(restart.worker());
            if (restart.previousWorker() != null) {
                out.append(" (the run on ").append(restart.previousWorker()).append(" was lost)");
            }
            if (i == restarts.size() - 1) {
                out.append("; it ran").append(attempt.endedAt() == null ? " so far " : " ")
                        .append(DurationText.format(attempt.durationMillis(timeline.observedAt()))).append(" from there");
            }
            out.append('\n');
        }
    }

    private void footer() {
        out.append('\n');
        if (!timeline.criticalPath().isEmpty()) {
            out.append("critical path: ").append(String.join(" -> ", timeline.criticalPath())).append('\n');
        }
        out.append("legend: ").append(symbol(AttemptOutcome.COMPLETED)).append(" ran  ")
                .append(symbol(AttemptOutcome.FAILED)).append(" failed  ")
                .append(symbol(AttemptOutcome.TIMED_OUT)).append(" timed out  ")
                .append(symbol(AttemptOutcome.CANCELLED)).append(" cancelled  ")
                .append(symbol(AttemptOutcome.RUNNING)).append(" running  ")
                .append(QUEUED).append(" queued  ").append(BACKOFF).append(" retry wait  ")
                .append(REUSED).append(" reused  ").append(BLOCKED).append(" blocked  * critical path");
        if (timeline.nodes().stream().flatMap(n -> n.attempts().stream()).anyMatch(a -> !a.restarts().isEmpty())) {
            out.append("  ").append(LOST).append(" lost run (started again)");
        }
        if (!timeline.resumes().isEmpty()) {
            out.append("  ").append(NO_ORCHESTRATOR).append(" no orchestrator  ").append(RESUMED).append(" resumed");
        }
        out.append('\n');
    }

    private static String attemptsColumn(TimelineNode node) {
        return node.reused() ? "R" : Integer.toString(node.attempts().size());
    }

    private static String lastWorker(TimelineNode node) {
        for (int i = node.attempts().size() - 1; i >= 0; i--) {
            String worker = node.attempts().get(i).worker();
            if (worker != null) {
                return worker;
            }
        }
        return "-";
    }

    private static String oneLine(String text) {
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline) + " ...").strip();
    }

    private static String clip(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 2) + "..".substring(0, Math.min(2, width));
    }
}
