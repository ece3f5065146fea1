package io.dagflow.worker;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How a worker runs. Whether a result travels inline or through the result store is the
 * transport's choice ({@link io.dagflow.transport.Transport#inlineResultLimit()}).
 *
 * @param workerId a name unique among the workers sharing a transport (the Redis consumer name)
 * @param queues the task queues it serves
 * @param concurrency how many tasks it runs at once
 * @param pollWait how long one blocking read waits before checking whether the worker stops
 * @param queueLimits for some of its queues, how many of their tasks it holds at once at most
 */
public record WorkerOptions(String workerId, List<String> queues, int concurrency, Duration pollWait,
        Map<String, Integer> queueLimits) {

    public WorkerOptions {
        if (workerId == null || workerId.isBlank()) {
            throw new IllegalArgumentException("a worker needs an id");
        }
        queues = List.copyOf(queues);
        if (queues.isEmpty()) {
            throw new IllegalArgumentException("a worker needs at least one queue");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        }
        queueLimits = queueLimits == null ? Map.of() : Map.copyOf(queueLimits);
        for (Map.Entry<String, Integer> limit : queueLimits.entrySet()) {
            if (!queues.contains(limit.getKey())) {
                throw new IllegalArgumentException("a limit for queue '" + limit.getKey()
                        + "', which the worker does not serve (it serves " + String.join(", ", queues) + ")");
            }
            if (limit.getValue() < 1) {
                throw new IllegalArgumentException("the limit of queue '" + limit.getKey()
                        + "' must be at least 1, was " + limit.getValue());
            }
        }
    }

    /** A worker without limits per queue. */
    public WorkerOptions(String workerId, List<String> queues, int concurrency, Duration pollWait) {
        this(workerId, queues, concurrency, pollWait, Map.of());
    }

    /** A worker of the in-memory transport, serving every queue. */
    public static WorkerOptions inMemory(String workerId, int concurrency) {
        return new WorkerOptions(workerId, List.of(io.dagflow.transport.InMemoryTransport.ALL_QUEUES), concurrency,
                Duration.ofMillis(500));
    }

    public WorkerOptions withQueues(List<String> newQueues) {
        return new WorkerOptions(workerId, newQueues, concurrency, pollWait, queueLimits);
    }

    public WorkerOptions withQueueLimits(Map<String, Integer> limits) {
        return new WorkerOptions(workerId, queues, concurrency, pollWait, limits);
    }
}
