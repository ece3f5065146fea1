package io.dagflow.model;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often a node is attempted and how long to wait between attempts.
 *
 * @param maxAttempts total attempts, the first included (1 means no retry)
 * @param jitter fraction (0..1) of the computed backoff added or removed at random, so that
 *     many nodes failing together do not retry in lockstep
 */
public record RetryPolicy(
        int maxAttempts,
        Duration initialBackoff,
        double backoffMultiplier,
        Duration maxBackoff,
        Strategy strategy,
        double jitter) {

    public enum Strategy {
        FIXED,
        EXPONENTIAL
    }

    /** The original design's defaults: 3 attempts, 1 s initial backoff, doubling, capped at 10 s. */
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(3, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10), Strategy.EXPONENTIAL, 0.0);

    public static final RetryPolicy NONE =
            new RetryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO, Strategy.FIXED, 0.0);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max_attempts must be at least 1, was " + maxAttempts);
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter must be between 0 and 1, was " + jitter);
        }
    }

    public boolean allowsAnotherAttempt(int attemptJustFinished) {
        return attemptJustFinished < maxAttempts;
    }

    /** The wait before {@code nextAttempt} (2 for the first retry). */
    public Duration backoffBefore(int nextAttempt) {
        int retryIndex = Math.max(0, nextAttempt - 2);
        double millis = initialBackoff.toMillis();
        if (strategy == Strategy.EXPONENTIAL) {
            millis *= Math.pow(backoffMultiplier, retryIndex);
        }
        millis = Math.min(millis, maxBackoff.toMillis() > 0 ? maxBackoff.toMillis() : millis);
        if (jitter > 0 && millis > 0) {
            double spread = millis * jitter;
            millis += ThreadLocalRandom.current().nextDouble(-spread, spread);
        }
        return Duration.ofMillis(Math.max(0, Math.round(millis)));
    }
}
