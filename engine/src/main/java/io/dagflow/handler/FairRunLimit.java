package io.dagflow.handler;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A limit on how many handler calls run at once in one process, shared by several owners (the
 * builds of a Jenkins controller): a call over the limit waits, and freed places go to the owners
 * in turn, oldest waiting owner first, so that one owner with many ready nodes cannot hold the
 * others back. Waiting is interruptible: a cancelled attempt leaves the queue at once.
 */
public final class FairRunLimit {

    private int limit;
    private int running;
    /** Owners with waiting calls, in the order their turn comes; each owner's calls in arrival order. */
    private final LinkedHashMap<String, ArrayDeque<Turn>> waiting = new LinkedHashMap<>();
    private int queued;

    public FairRunLimit(int limit) {
        setLimit(limit);
    }

    /** Changes the limit; calls already running go on, waiting ones start as places free up. */
    public synchronized void setLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the limit must be at least 1, was " + limit);
        }
        this.limit = limit;
        grant();
    }

    public synchronized int limit() {
        return limit;
    }

    public synchronized int running() {
        return running;
    }

    public synchronized int queued() {
        return queued;
    }

    /** Waits until at least {@code count} calls are queued, or the time is up; for monitoring and tests. */
    public synchronized boolean awaitQueued(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (queued < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** Runs {@code handler} for {@code owner} once a place is free. */
    public JsonNode run(String owner, Handler handler, TaskContext context) throws Exception {
        acquire(owner);
        try {
            return handler.handle(context);
        } finally {
            release();
        }
    }

    /** A handler whose every call for {@code owner} counts against this limit. */
    public Handler limiting(String owner, Handler handler) {
        return new Handler() {
            @Override
            public String type() {
                return handler.type();
            }

            @Override
            public JsonNode handle(TaskContext context) throws Exception {
                return run(owner, handler, context);
            }
        };
    }

    private synchronized void acquire(String owner) throws InterruptedException {
        if (running < limit && waiting.isEmpty()) {
            running++;
            return;
        }
        Turn turn = new Turn();
        waiting.computeIfAbsent(owner, key -> new ArrayDeque<>()).add(turn);
        queued++;
        notifyAll();
        try {
            while (!turn.granted) {
                wait();
            }
        } catch (InterruptedException e) {
            if (turn.granted) {
                release();
            } else {
                withdraw(owner, turn);
            }
            throw e;
        }
    }

    private synchronized void release() {
        running--;
        grant();
    }

    private void withdraw(String owner, Turn turn) {
        ArrayDeque<Turn> turns = waiting.get(owner);
        if (turns != null && turns.remove(turn)) {
            queued--;
            if (turns.isEmpty()) {
                waiting.remove(owner);
            }
        }
    }

    /** Gives free places to the first waiting call of each owner in turn; an owner served goes last. */
    private void grant() {
        boolean changed = false;
        while (running < limit && !waiting.isEmpty()) {
            Iterator<Map.Entry<String, ArrayDeque<Turn>>> owners = waiting.entrySet().iterator();
            Map.Entry<String, ArrayDeque<Turn>> first = owners.next();
            owners.remove();
            Turn turn = first.getValue().poll();
            if (!first.getValue().isEmpty()) {
                waiting.put(first.getKey(), first.getValue());
            }
            turn.granted = true;
            queued--;
            running++;
            changed = true;
        }
        if (changed) {
            notifyAll();
        }
    }

    private static final class Turn {
        boolean granted;
    }
}
