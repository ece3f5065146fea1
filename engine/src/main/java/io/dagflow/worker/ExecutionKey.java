package io.dagflow.worker;

import java.util.Locale;

/**
 * The value of a worker's idempotency key {@code exec:{execution}:{node}}: which attempt it
 * concerns and how far it got, e.g. {@code 2:running}, {@code 2:succeeded}, {@code 2:failed:1:reason}.
 * The format is part of the Redis protocol (docs/protocol.md).
 */
public record ExecutionKey(int attempt, State state, boolean retriable, String error) {

    public enum State {
        RUNNING,
        SUCCEEDED,
        FAILED
    }

    public static ExecutionKey running(int attempt) {
        return new ExecutionKey(attempt, State.RUNNING, false, null);
    }

    public static ExecutionKey succeeded(int attempt) {
        return new ExecutionKey(attempt, State.SUCCEEDED, false, null);
    }

    public static ExecutionKey failed(int attempt, boolean retriable, String error) {
        return new ExecutionKey(attempt, State.FAILED, retriable, error);
    }

    /**
     * Whether a copy of {@code attempt} may run although this was recorded: yes for a newer
     * attempt, and for the same attempt left running by a worker presumed dead (the copy is a
     * redelivery); no when the attempt ended, is running elsewhere, or a newer one was recorded.
     */
    public boolean allowsRun(int taskAttempt, boolean redelivery) {
        if (attempt != taskAttempt) {
            return attempt < taskAttempt;
        }
        return state == State.RUNNING && redelivery;
    }

    public boolean ended() {
        return state != State.RUNNING;
    }

    public String encode() {
        String base = attempt + ":" + state.name().toLowerCase(Locale.ROOT);
        return state == State.FAILED ? base + ":" + (retriable ? 1 : 0) + ":" + error : base;
    }

    public static ExecutionKey decode(String value) {
        String[] parts = value.split(":", 4);
        if (parts.length < 2) {
            throw new IllegalArgumentException("execution key value '" + value + "' is not <attempt>:<state>");
        }
        int attempt = Integer.parseInt(parts[0]);
        State state = State.valueOf(parts[1].toUpperCase(Locale.ROOT));
        if (state == State.FAILED) {
            return failed(attempt, parts.length > 2 && "1".equals(parts[2]), parts.length > 3 ? parts[3] : "");
        }
        return new ExecutionKey(attempt, state, false, null);
    }
}
