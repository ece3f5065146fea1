package io.dagflow.timeline;

/**
 * An attempt that started again: its task was delivered anew (the worker running it, or the
 * orchestrator with the workers in its process, stopped) and a worker ran it from the start. What
 * the earlier run did is lost; the attempt's run time counts from its last start.
 *
 * @param at when it started again (that worker's clock)
 * @param worker the worker that started it again
 * @param previousWorker the worker that ran it before, when known
 */
public record TimelineRestart(long at, String worker, String previousWorker) {
}
