package io.dagflow.ci;

import java.time.Duration;
import java.util.Optional;

/**
 * When to try again to reach a store that did not answer (Redis, as a CI step resumes after a
 * restart): the delay doubles from {@code first} up to {@code longest}, and no try is scheduled
 * once {@code giveUpAfter} has passed since the first failure.
 */
public record ReconnectSchedule(Duration first, Duration longest, Duration giveUpAfter) {

    public ReconnectSchedule {
        if (first.isNegative() || first.isZero() || longest.compareTo(first) < 0 || giveUpAfter.isNegative()) {
            throw new IllegalArgumentException("need 0 < first <= longest and giveUpAfter >= 0");
        }
    }

    /** One second, doubling up to thirty, for as long as given. */
    public static ReconnectSchedule giveUpAfter(Duration giveUpAfter) {
        return new ReconnectSchedule(Duration.ofSeconds(1), Duration.ofSeconds(30), giveUpAfter);
    }

    /**
     * The wait before try {@code failures + 1}, or empty when it would start after the limit.
     *
     * @param failures how many tries failed so far (at least 1)
     * @param failingFor how long since the first failure
     */
    public Optional<Duration> next(int failures, Duration failingFor) {
        Duration delay = first;
        for (int i = 1; i < failures && delay.compareTo(longest) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        if (delay.compareTo(longest) > 0) {
            delay = longest;
        }
        return failingFor.plus(delay).compareTo(giveUpAfter) > 0 ? Optional.empty() : Optional.of(delay);
    }
}
