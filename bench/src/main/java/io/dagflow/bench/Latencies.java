package io.dagflow.bench;

import io.dagflow.event.EventType;
import io.dagflow.event.WorkflowEvent;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Latency samples of a run, gathered from several executions. */
final class Latencies {

    private Latencies() {
    }

    /** Per node, NODE_COMPLETED time minus NODE_DISPATCHED time of the same attempt (ms). */
    static long[] dispatchToCompleted(List<WorkflowEvent> events) {
        Map<String, Long> dispatched = new HashMap<>();
        long[] latencies = new long[events.size()];
        int count = 0;
        for (WorkflowEvent event : events) {
            if (event.type() == EventType.NODE_DISPATCHED) {
                dispatched.put(event.nodeId(), event.time());
            } else if (event.type() == EventType.NODE_COMPLETED) {
                Long at = dispatched.get(event.nodeId());
                if (at == null) {
                    throw new IllegalStateException(event.nodeId() + " completed without being dispatched");
                }
                latencies[count++] = event.time() - at;
            }
        }
        return Arrays.copyOf(latencies, count);
    }

    static long[] concat(List<long[]> parts) {
        int length = parts.stream().mapToInt(part -> part.length).sum();
        long[] all = new long[length];
        int at = 0;
        for (long[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
