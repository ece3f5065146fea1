package io.dagflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.handler.Handler;
import io.dagflow.handler.TaskContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Does nothing but note when it ran, so that what is measured is the engine's own cost. The
 * bookkeeping is two array writes and one map look-up per node.
 */
final class TimedNoOpHandler implements Handler {

    private final Map<String, Timings> byExecution = new ConcurrentHashMap<>();

    /** Starts recording an execution; call before starting it. */
    Timings track(String executionId, int nodes) {
        Timings timings = new Timings(nodes);
        byExecution.put(executionId, timings);
        return timings;
    }

    void forget(String executionId) {
        byExecution.remove(executionId);
    }

    @Override
    public String type() {
        return GeneratedDag.HANDLER;
    }

    @Override
    public JsonNode handle(TaskContext context) {
        long started = System.nanoTime();
        Timings timings = byExecution.get(context.executionId());
        if (timings == null) {
            throw new IllegalStateException("execution " + context.executionId() + " is not tracked");
        }
        int node = GeneratedDag.index(context.nodeId());
        timings.started(node, started);
        timings.finished(node, System.nanoTime());
        return null;
    }
}
