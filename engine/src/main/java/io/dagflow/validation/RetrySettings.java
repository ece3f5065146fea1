package io.dagflow.validation;

import io.dagflow.model.RetryPolicy;
import java.time.Duration;

/**
 * The fields one {@code retry_policy} object wrote. Unwritten fields are null and inherit, so a
 * node can change one field of the defaults without repeating the others.
 */
record RetrySettings(
        Integer maxAttempts,
        Duration initialBackoff,
        Double backoffMultiplier,
        Duration maxBackoff,
        RetryPolicy.Strategy strategy,
        Double jitter) {

    static final RetrySettings NONE = new RetrySettings(null, null, null, null, null, null);

    RetryPolicy over(RetryPolicy base) {
        if (equals(NONE)) {
            return base;
        }
        return new RetryPolicy(
                maxAttempts != null ? maxAttempts : base.maxAttempts(),
                initialBackoff != null ? initialBackoff : base.initialBackoff(),
                backoffMultiplier != null ? backoffMultiplier : base.backoffMultiplier(),
                maxBackoff != null ? maxBackoff : base.maxBackoff(),
                strategy != null ? strategy : base.strategy(),
                jitter != null ? jitter : base.jitter());
    }

    /** Collects the fields of one {@code retry_policy} object as they are read. */
    static final class Builder {
        Integer maxAttempts;
        Duration initialBackoff;
        Double backoffMultiplier;
        Duration maxBackoff;
        RetryPolicy.Strategy strategy;
        Double jitter;

        RetrySettings build() {
            return new RetrySettings(maxAttempts, initialBackoff, backoffMultiplier, maxBackoff, strategy, jitter);
        }
    }
}
