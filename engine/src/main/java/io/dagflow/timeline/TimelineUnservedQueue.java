package io.dagflow.timeline;

import java.util.List;

/**
 * Tasks of the execution waited on a queue that no live worker served (QUEUE_UNSERVED): why
 * nothing happened to them for a while.
 *
 * @param waiting the first nodes that waited on it
 */
public record TimelineUnservedQueue(long at, String queue, List<String> waiting) {

    public TimelineUnservedQueue {
        waiting = waiting == null ? List.of() : List.copyOf(waiting);
    }
}
