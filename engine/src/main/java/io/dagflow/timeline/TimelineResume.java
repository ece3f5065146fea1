package io.dagflow.timeline;

/**
 * An orchestrator taking an execution over after the one that ran it stopped. Nothing was
 * decided between {@code lastEventAt} and {@code at}: results that came in meanwhile waited.
 *
 * @param at when the execution was resumed
 * @param lastEventAt the last event before the resume: the previous orchestrator stopped after it
 * @param previousOwner the orchestrator that ran the execution until it stopped, when known
 * @param orchestrator the orchestrator that resumed it (on Redis the same id: it takes the owner's over)
 */
public record TimelineResume(long at, long lastEventAt, String previousOwner, String orchestrator) {

    /** How long no orchestrator ran the execution. */
    public long gapMillis() {
        return Math.max(0, at - lastEventAt);
    }
}
