package io.dagflow.redis;

import java.util.concurrent.atomic.AtomicBoolean;
import redis.clients.jedis.StreamEntryID;

/**
 * When a receiver next looks for entries left idle by dead consumers of one stream, and where the
 * last look stopped. Receivers look opportunistically, at most once per interval per stream, and
 * only one thread of a transport looks at a time.
 */
final class ClaimSchedule {

    private static final StreamEntryID START = new StreamEntryID(0, 0);

    private final AtomicBoolean claiming = new AtomicBoolean();
    private volatile long nextAtNanos;
    private volatile StreamEntryID cursor = START;
    private volatile boolean claimedBefore;

    ClaimSchedule(long nowNanos) {
        this.nextAtNanos = nowNanos;
    }

    /** True when a look is due and no other thread is looking; then {@link #finish} must follow. */
    boolean tryStart(long nowNanos) {
        return nowNanos - nextAtNanos >= 0 && claiming.compareAndSet(false, true);
    }

    StreamEntryID cursor() {
        return cursor;
    }

    boolean claimedBefore() {
        return claimedBefore;
    }

    /**
     * @param next where the scan goes on; {@code 0-0} when it went through the whole backlog, and
     *     the next look waits a full interval
     */
    void finish(long nowNanos, StreamEntryID next, long intervalNanos) {
        cursor = next == null ? START : next;
        claimedBefore = true;
        nextAtNanos = START.equals(cursor) ? nowNanos + intervalNanos : nowNanos;
        claiming.set(false);
    }

    /** Ends a look that failed, so the next one is tried after a full interval from the same place. */
    void abandon(long nowNanos, long intervalNanos) {
        nextAtNanos = nowNanos + intervalNanos;
        claiming.set(false);
    }

    long nanosUntilDue(long nowNanos) {
        return Math.max(0, nextAtNanos - nowNanos);
    }
}
