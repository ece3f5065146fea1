package io.dagflow.worker;

import io.dagflow.transport.Delivery;
import io.dagflow.transport.TaskMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How many tasks of a queue one worker holds at once ({@code dagflow worker --queue-limit gpu=2}),
 * on top of its concurrency. Before each read the worker reserves room on every limited queue it
 * reads, as many tasks as the read may return; what the read did not fill is given back, and a
 * task's place is given back when it ends. Reserving on every queue read keeps the limits exact
 * even when the receiver and a runner thread read at once.
 */
final class QueueLimits {

    /** A read's room: the queues it may read, and how many tasks it may take. */
    record Reservation(List<String> queues, int max) {
    }

    private final Map<String, Integer> limits;
    /** Per limited queue: tasks held plus reserved. */
    private final Map<String, Integer> taken = new HashMap<>();

    QueueLimits(Map<String, Integer> limits) {
        this.limits = Map.copyOf(limits);
    }

    /** Blocks until one of {@code queues} may be read, then reserves room for the read. */
    synchronized Reservation reserve(List<String> queues, int slots) throws InterruptedException {
        Reservation reservation;
        while ((reservation = tryReserve(queues, slots)) == null) {
            wait();
        }
        return reservation;
    }

    /** Room for a read of up to {@code slots} tasks, or null when every queue is at its limit. */
    synchronized Reservation tryReserve(List<String> queues, int slots) {
        if (limits.isEmpty()) {
            return new Reservation(queues, slots);
        }
        List<String> readable = new ArrayList<>(queues.size());
        int max = slots;
        for (String queue : queues) {
            Integer limit = limits.get(queue);
            int room = limit == null ? slots : limit - taken.getOrDefault(queue, 0);
            if (room > 0) {
                readable.add(queue);
                max = Math.min(max, room);
            }
        }
        if (readable.isEmpty()) {
            return null;
        }
        for (String queue : readable) {
            if (limits.containsKey(queue)) {
                taken.merge(queue, max, Integer::sum);
            }
        }
        return new Reservation(List.copyOf(readable), max);
    }

    /** Gives back what the read under {@code reservation} did not fill. */
    synchronized void received(Reservation reservation, List<Delivery<TaskMessage>> tasks) {
        if (limits.isEmpty()) {
            return;
        }
        for (String queue : reservation.queues()) {
            if (limits.containsKey(queue)) {
                long got = tasks.stream().filter(task -> queue.equals(task.message().queue())).count();
                taken.merge(queue, (int) (got - reservation.max()), Integer::sum);
            }
        }
        notifyAll();
    }

    /** A task of {@code queue} no longer holds its place (it ended, or it was not run). */
    synchronized void ended(String queue) {
        if (limits.containsKey(queue)) {
            taken.merge(queue, -1, Integer::sum);
            notifyAll();
        }
    }
}
