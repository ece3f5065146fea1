package io.dagflow.worker;

/**
 * The value of a worker's idempotency key {@code exec:{execution}:{node}}: which attempt it
 * concerns and how far it got, e.g. {@code 2:running}, {@code 2:succeeded}, {@code 2:failed:1:reason}.
 */
record ExecutionKey(int attempt, State state, boolean retriable, String error) {

    enum State {
        RUNNING,
        SUCCEEDED,
        FAILED
    }

    static ExecutionKey running(int attempt) {
        return new ExecutionKey(attempt, State.RUNNING, false, null);
    }

    static ExecutionKey succeeded(int attempt) {
        return new ExecutionKey(attempt, State.SUCCEEDED, false, null);
    }

    static ExecutionKey failed(int attempt, boolean retriable, String error) {
        return new ExecutionKey(attempt, State.FAILED, retriable, error);
    }

    String encode() {
        String base = attempt + ":" + state.name().toLowerCase(java.util.Locale.ROOT);
        return state == State.FAILED ? base + ":" + (retriable ? 1 : 0) + ":" + error : base;
    }

    static ExecutionKey decode(String value) {
        String[] parts = value.split(":", 4);
        int attempt = Integer.parseInt(parts[0]);
        State state = State.valueOf(parts[1].toUpperCase(java.util.Locale.ROOT));
        if (state == State.FAILED) {
            return failed(attempt, parts.length > 2 && "1".equals(parts[2]), parts.length > 3 ? parts[3] : "");
        }
        return new ExecutionKey(attempt, state, false, null);
    }
}
