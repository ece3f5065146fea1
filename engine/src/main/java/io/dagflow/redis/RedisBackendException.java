package io.dagflow.redis;

/**
 * Redis could not do what was asked: unreachable, refused the credentials, or answered with an
 * error. The message names the server and the operation, never the password.
 */
public class RedisBackendException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RedisBackendException(String message) {
        super(message);
    }

    public RedisBackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
