package io.dagflow.worker;

import java.time.Duration;
import java.util.List;

/**
 * How a worker runs.
 *
 * @param workerId a name unique among the workers sharing a transport (the Redis consumer name)
 * @param queues the task queues it serves
 * @param concurrency how many tasks it runs at once
 * @param pollWait how long one blocking read waits before checking whether the worker stops
 * @param inlineResultLimitBytes results larger than this travel as a reference to the result
 *     store; negative to always send them inline (the in-memory transport never copies them)
 */
public record WorkerOptions(
        String workerId, List<String> queues, int concurrency, Duration pollWait, int inlineResultLimitBytes) {

    public static final int DEFAULT_INLINE_RESULT_LIMIT = 64 * 1024;

    public WorkerOptions {
        queues = List.copyOf(queues);
        if (queues.isEmpty()) {
            throw new IllegalArgumentException("a worker needs at least one queue");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        }
    }

    public static WorkerOptions inMemory(String workerId, int concurrency) {
        return new WorkerOptions(workerId, List.of("default"), concurrency, Duration.ofMillis(500), -1);
    }

    public WorkerOptions withQueues(List<String> newQueues) {
        return new WorkerOptions(workerId, newQueues, concurrency, pollWait, inlineResultLimitBytes);
    }
}
