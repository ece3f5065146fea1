package io.dagflow.jenkins;

import hudson.AbortException;

/** Redis did not answer: unlike other failures to start, trying again later may succeed. */
final class RedisUnavailableException extends AbortException {

    private static final long serialVersionUID = 1L;

    RedisUnavailableException(String message) {
        super(message);
    }
}
