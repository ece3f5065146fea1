package io.dagflow.run;

import io.dagflow.transport.Transport;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Whether live workers serve a queue, as the transport says, remembered for a moment: an
 * execution that dispatches thousands of tasks to one queue asks once, and all executions of an
 * engine share the answers.
 */
final class QueuePresence {

    private static final long REMEMBERED_MILLIS = 2000;

    private record Answer(boolean served, long at) {
    }

    private final Transport transport;
    private final LongSupplier clock;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    QueuePresence(Transport transport, LongSupplier clock) {
        this.transport = transport;
        this.clock = clock;
    }

    /** True also when the transport cannot be asked now: this only serves to warn. */
    boolean isServed(String queue) {
        long now = clock.getAsLong();
        Answer known = answers.get(queue);
        if (known != null && now - known.at() < REMEMBERED_MILLIS) {
            return known.served();
        }
        boolean served;
        try {
            served = transport.isServed(queue);
        } catch (RuntimeException e) {
            return true;
        }
        answers.put(queue, new Answer(served, now));
        return served;
    }
}
