package io.dagflow.store;

/**
 * A store or the transport failed. When {@link #isTransient()}, the backend could not be reached
 * and the same call may succeed once it is back (a server restarting, a network blip); callers
 * that can wait retry such failures. Otherwise retrying will not help (refused credentials, an
 * error reply).
 */
public class BackendException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean transientFailure;

    public BackendException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public boolean isTransient() {
        return transientFailure;
    }
}
