package io.dagflow.redis;

import io.dagflow.transport.Delivery;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Entries one read delivered beyond what its caller asked for. {@code XREADGROUP COUNT n} counts
 * per stream, so a read of several queues can deliver up to n entries from each; a worker asked
 * for n because it has n free slots. The rest are already delivered to the consumer (pending
 * there), so they are held here and handed out first on its next receive. One held longer than
 * half the visibility timeout is forgotten, not handed out: by then another consumer may take it
 * over, and it stays pending in Redis until someone does.
 */
final class ReadAhead<T> {

    private record Held<T>(Delivery<T> delivery, long heldAt) {
    }

    private final long maxHoldNanos;
    private final Map<String, Deque<Held<T>>> byConsumer = new HashMap<>();

    ReadAhead(java.time.Duration visibilityTimeout) {
        this.maxHoldNanos = visibilityTimeout.toNanos() / 2;
    }

    /** Up to {@code max} held entries of these streams, oldest first; empty when none is held. */
    synchronized List<Delivery<T>> take(String consumer, List<String> streams, int max) {
        Deque<Held<T>> held = byConsumer.get(consumer);
        if (held == null || held.isEmpty()) {
            return List.of();
        }
        long now = System.nanoTime();
        List<Delivery<T>> taken = new ArrayList<>();
        java.util.Iterator<Held<T>> entries = held.iterator();
        while (entries.hasNext() && taken.size() < max) {
            Held<T> next = entries.next();
            if (now - next.heldAt() > maxHoldNanos) {
                entries.remove();
            } else if (streams.contains(next.delivery().channel())) {
                // One of a stream not asked for now (its queue is at its limit) waits for a read that asks.
                entries.remove();
                taken.add(next.delivery());
            }
        }
        return taken;
    }

    /** The first {@code max} of what a read delivered; the rest is held for the consumer's next receive. */
    synchronized List<Delivery<T>> keepBeyond(String consumer, List<Delivery<T>> read, int max) {
        if (read.size() <= max) {
            return read;
        }
        long now = System.nanoTime();
        Deque<Held<T>> held = byConsumer.computeIfAbsent(consumer, c -> new ArrayDeque<>());
        for (Delivery<T> extra : read.subList(max, read.size())) {
            held.add(new Held<>(extra, now));
        }
        return List.copyOf(read.subList(0, max));
    }
}
