package io.dagflow.redis;

import io.dagflow.store.BackendException;

/**
 * Redis could not do what was asked: unreachable (a {@linkplain #isTransient() transient}
 * failure), refused the credentials, or answered with an error. The message names the server
 * and the operation, never the password.
 */
public class RedisBackendException extends BackendException {

    private static final long serialVersionUID = 1L;

    public RedisBackendException(String message) {
        super(message, false, null);
    }

    public RedisBackendException(String message, Throwable cause) {
        super(message, false, cause);
    }

    public RedisBackendException(String message, boolean transientFailure, Throwable cause) {
        super(message, transientFailure, cause);
    }
}
