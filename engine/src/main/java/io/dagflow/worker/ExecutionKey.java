package io.dagflow.worker;

import java.util.Locale;

/**
 * The value of a worker's idempotency key {@code exec:{execution}:{node}}: which attempt it
 * concerns and how far it got, e.g. {@code 2:running:1700000000000-0}, {@code 2:succeeded},
 * {@code 2:failed:1:reason}, {@code 2:cancelled} (taken back by the orchestrator: no copy of the
 * attempt may start). The format is part of the Redis protocol (docs/protocol.md).
 *
 * @param claim for RUNNING, the transport's id of the task copy that claimed the attempt (null in
 *     values written without one)
 */
public record ExecutionKey(int attempt, State state, boolean retriable, String error, String claim) {

    public enum State {
        RUNNING,
        SUCCEEDED,
        FAILED,
        CANCELLED
    }

    public static ExecutionKey running(int attempt, String claim) {
        return new ExecutionKey(attempt, State.RUNNING, false, null, claim);
    }

    public static ExecutionKey succeeded(int attempt) {
        return new ExecutionKey(attempt, State.SUCCEEDED, false, null, null);
    }

    public static ExecutionKey cancelled(int attempt) {
        return new ExecutionKey(attempt, State.CANCELLED, false, null, null);
    }

    public static ExecutionKey failed(int attempt, boolean retriable, String error) {
        return new ExecutionKey(attempt, State.FAILED, retriable, error, null);
    }

    /**
     * Whether a copy of {@code attempt} may run although this was recorded: yes for a newer
     * attempt; for the same attempt left running by a worker presumed dead (the copy is a
     * redelivery); and for the copy that claimed it (a claim tried again after its answer was
     * lost). No when the attempt ended, runs elsewhere, or a newer one was recorded.
     *
     * @param copyId the transport's id of the copy
     */
    public boolean allowsRun(int taskAttempt, boolean redelivery, String copyId) {
        if (attempt != taskAttempt) {
            return attempt < taskAttempt;
        }
        return state == State.RUNNING && (redelivery || (claim != null && claim.equals(copyId)));
    }

    public boolean ended() {
        return state != State.RUNNING;
    }

    public String encode() {
        String base = attempt + ":" + state.name().toLowerCase(Locale.ROOT);
        return switch (state) {
            case FAILED -> base + ":" + (retriable ? 1 : 0) + ":" + error;
            case RUNNING -> claim == null ? base : base + ":" + claim;
            case SUCCEEDED, CANCELLED -> base;
        };
    }

    /** The attempt an encoded value is about, without decoding the rest. */
    public static int attemptOf(String value) {
        int colon = value.indexOf(':');
        try {
            return Integer.parseInt(colon < 0 ? value : value.substring(0, colon));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("execution key value '" + value + "' is not <attempt>:<state>", e);
        }
    }

    public static ExecutionKey decode(String value) {
        String[] parts = value.split(":", 4);
        if (parts.length < 2) {
            throw new IllegalArgumentException("execution key value '" + value + "' is not <attempt>:<state>");
        }
        int attempt = Integer.parseInt(parts[0]);
        State state = State.valueOf(parts[1].toUpperCase(Locale.ROOT));
        return switch (state) {
            case FAILED -> failed(attempt, parts.length > 2 && "1".equals(parts[2]), parts.length > 3 ? parts[3] : "");
            case RUNNING -> running(attempt, parts.length > 2 ? value.split(":", 3)[2] : null);
            case SUCCEEDED -> succeeded(attempt);
            case CANCELLED -> cancelled(attempt);
        };
    }
}
