package io.dagflow.timeline;

import io.dagflow.event.WorkflowEvent;
import java.util.List;

/** Executions whose timelines show every kind of attempt, for the renderer tests. */
final class SampleExecutions {

    static final long T0 = 1_714_550_400_000L;

    private SampleExecutions() {
    }

    static String nightlyEtl() {
        return WorkflowText.named("nightly-etl")
                .node("fetch_orders", "http")
                .node("fetch_customers", "http")
                .node("clean_orders", "script", "fetch_orders")
                .node("join", "sql", "clean_orders", "fetch_customers")
                .node("score", "python", "join")
                .node("publish", "http", "score")
                .node("notify", "email", "publish")
                .node("audit", "script", "fetch_customers")
                .text();
    }

    /**
     * fetch_orders retries once, join times out once then succeeds, score fails for good, so
     * publish and notify are blocked; fetch_customers and audit run alongside.
     */
    static List<WorkflowEvent> failedWithRetriesAndTimeout() {
        return ExecutionEvents.started("exec-7f3c", nightlyEtl(), T0)
                .dispatched("fetch_orders", 1, T0 + 20).startedOn("fetch_orders", 1, T0 + 40, "worker-a")
                .dispatched("fetch_customers", 1, T0 + 20).startedOn("fetch_customers", 1, T0 + 60, "worker-b")
                .retry("fetch_orders", 1, T0 + 900, "HTTP 503 Service Unavailable from orders-api", 1_000)
                .completed("fetch_customers", 1, T0 + 2_400, "worker-b")
                .dispatched("audit", 1, T0 + 2_410).startedOn("audit", 1, T0 + 2_450, "worker-b")
                .dispatched("fetch_orders", 2, T0 + 1_900).startedOn("fetch_orders", 2, T0 + 1_950, "worker-c")
                .completed("fetch_orders", 2, T0 + 3_100, "worker-c")
                .completed("audit", 1, T0 + 3_300, "worker-b")
                .ran("clean_orders", T0 + 3_110, T0 + 4_000, "worker-a")
                .dispatched("join", 1, T0 + 4_010).startedOn("join", 1, T0 + 4_050, "worker-b")
                .timedOut("join", 1, T0 + 7_050, 3_000)
                .retry("join", 1, T0 + 7_051, "timed out after 3000 ms", 500)
                .dispatched("join", 2, T0 + 7_560).startedOn("join", 2, T0 + 7_600, "worker-c")
                .completed("join", 2, T0 + 9_000, "worker-c")
                .dispatched("score", 1, T0 + 9_010).startedOn("score", 1, T0 + 9_050, "worker-a")
                .failed("score", 1, T0 + 10_200, "ValueError: model file scores.pkl is missing\nTraceback ...")
                .blocked("publish", T0 + 10_201, "score")
                .blocked("notify", T0 + 10_201, "score")
                .workflowFailed(T0 + 10_210, "node 'score' failed; 2 nodes blocked")
                .list();
    }

    /** A rerun of the failed execution that reuses what completed and runs the rest, still running. */
    static List<WorkflowEvent> runningRerun() {
        return ExecutionEvents.startedAsRerun("exec-9a01", nightlyEtl(), T0 + 60_000, "exec-7f3c")
                .reused("fetch_orders", T0 + 60_001, "exec-7f3c", 2)
                .reused("fetch_customers", T0 + 60_001, "exec-7f3c", 1)
                .reused("clean_orders", T0 + 60_001, "exec-7f3c", 1)
                .reused("join", T0 + 60_001, "exec-7f3c", 2)
                .reused("audit", T0 + 60_001, "exec-7f3c", 1)
                .ran("score", T0 + 60_010, T0 + 61_000, "worker-a")
                .dispatched("publish", 1, T0 + 61_010).startedOn("publish", 1, T0 + 61_020, "worker-b")
                .list();
    }

    /**
     * The orchestrator of a three-node chain stopped while {@code transform} ran (its last event at
     * +1.5s) and was resumed at +1m; the worker running {@code transform} went on and finished it.
     */
    static List<WorkflowEvent> resumedAfterACrash() {
        return resumedWhileTransformRan("exec-r35m")
                .completed("transform", 1, T0 + 26_500, "worker-a")
                .ran("load", T0 + 60_110, T0 + 61_000, "worker-b")
                .workflowCompleted(T0 + 61_010)
                .list();
    }

    /**
     * The same stop, but the worker running {@code transform} died with the orchestrator (they
     * shared a process): the attempt sent again after the resume started anew on another worker
     * and ran 25 s there, one minute after its first start.
     */
    static List<WorkflowEvent> resumedAndRestarted() {
        return resumedWhileTransformRan("exec-r35n")
                .restartedOn("transform", 1, T0 + 60_100, "worker-b", "worker-a")
                .completed("transform", 1, T0 + 85_100, "worker-b")
                .ran("load", T0 + 85_110, T0 + 86_000, "worker-b")
                .workflowCompleted(T0 + 86_010)
                .list();
    }

    /** extract ran, transform started on worker-a at +1.5s, the orchestrator stopped, and was resumed at +1m. */
    private static ExecutionEvents resumedWhileTransformRan(String executionId) {
        String chain = WorkflowText.named("etl")
                .node("extract", "http").node("transform", "script", "extract").node("load", "sql", "transform")
                .text();
        return ExecutionEvents.started(executionId, chain, T0)
                .ran("extract", T0 + 10, T0 + 1_000, "worker-a")
                .dispatched("transform", 1, T0 + 1_010).startedOn("transform", 1, T0 + 1_500, "worker-a")
                .resumed(T0 + 60_000, "orchestrator-1", "orchestrator-1", T0 + 1_500);
    }

    /**
     * transform waited on queue gpu until a worker for it came at +1.5s; cancelled at +5s while
     * transform ran: load, not started, was cancelled at once, transform
     * when its worker confirmed 300 ms later.
     */
    static List<WorkflowEvent> cancelledWhileTransformRan() {
        String chain = WorkflowText.named("etl")
                .node("extract", "http").node("transform", "script", "extract").node("load", "sql", "transform")
                .text();
        return ExecutionEvents.started("exec-c5", chain, T0)
                .ran("extract", T0 + 10, T0 + 1_000, "worker-a")
                .dispatched("transform", 1, T0 + 1_010).queueUnserved(T0 + 1_020, "gpu", "transform")
                .startedOn("transform", 1, T0 + 1_500, "worker-a")
                .cancelRequested(T0 + 5_000, "the build was stopped")
                .cancelled("load", 0, T0 + 5_000)
                .cancelled("transform", 1, T0 + 5_300)
                .workflowCancelled(T0 + 5_301, "the build was stopped")
                .list();
    }

    /** A layered workflow of {@code layers * width} nodes that completed, with some retries. */
    static List<WorkflowEvent> large(int layers, int width) {
        WorkflowText text = WorkflowText.named("large");
        for (int layer = 0; layer < layers; layer++) {
            for (int i = 0; i < width; i++) {
                if (layer == 0) {
                    text.node(id(layer, i), "noop");
                } else {
                    text.node(id(layer, i), "noop", id(layer - 1, i), id(layer - 1, (i * 7 + 3) % width));
                }
            }
        }
        ExecutionEvents log = ExecutionEvents.started("exec-large", text.text(), T0);
        for (int layer = 0; layer < layers; layer++) {
            long layerStart = T0 + layer * 1_000L + 10;
            for (int i = 0; i < width; i++) {
                long end = layerStart + 300 + (i * 37 % 600);
                if (i % 9 == 4) {
                    log.dispatched(id(layer, i), 1, layerStart).startedOn(id(layer, i), 1, layerStart + 5, "w-" + i % 4)
                            .retry(id(layer, i), 1, layerStart + 100, "transient", 20)
                            .dispatched(id(layer, i), 2, layerStart + 120)
                            .startedOn(id(layer, i), 2, layerStart + 125, "w-" + (i + 1) % 4)
                            .completed(id(layer, i), 2, end, "w-" + (i + 1) % 4);
                } else {
                    log.ran(id(layer, i), layerStart, end, "w-" + i % 4);
                }
            }
        }
        return log.workflowCompleted(T0 + layers * 1_000L).list();
    }

    static String id(int layer, int index) {
        return "step-" + layer + "-" + index;
    }
}
