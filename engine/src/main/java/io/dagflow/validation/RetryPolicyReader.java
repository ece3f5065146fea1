package io.dagflow.validation;

import io.dagflow.model.RetryPolicy;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/** Reads one {@code retry_policy} object, of a node or of the defaults. */
final class RetryPolicyReader {

    private static final List<String> STRATEGIES = List.of("fixed", "exponential");

    private final Tokens tokens;
    private final Values values;

    RetryPolicyReader(Tokens tokens, Values values) {
        this.tokens = tokens;
        this.values = values;
    }

    /** The fields the object wrote; {@link RetrySettings#NONE} when it is not an object (reported). */
    RetrySettings read(Reporter reporter, String field) throws IOException {
        if (!values.isObject(reporter, field)) {
            return RetrySettings.NONE;
        }
        RetrySettings.Builder read = new RetrySettings.Builder();
        long[] maxBackoffAt = {Position.UNKNOWN};
        values.fields(FieldSet.RETRY_POLICY, reporter, field, name -> {
            String member = field + "." + name;
            switch (name) {
                case "max_attempts" -> read.maxAttempts = values.attempts(reporter, member);
                case "initial_backoff_seconds" -> read.initialBackoff = values.seconds(reporter, member, true);
                case "backoff_multiplier" -> read.backoffMultiplier = values.number(reporter, member, 1,
                        "at least 1 (a multiplier below 1 would shrink the wait between attempts)", 1000);
                case "max_backoff_seconds" -> {
                    maxBackoffAt[0] = tokens.position();
                    read.maxBackoff = values.seconds(reporter, member, true);
                }
                case "strategy" -> read.strategy = strategy(reporter, member);
                case "jitter" -> read.jitter = values.number(reporter, member, 0, "at least 0", 1);
                default -> throw new IllegalStateException(name);
            }
        });
        RetrySettings settings = read.build();
        if (settings.initialBackoff() != null && settings.maxBackoff() != null && !settings.maxBackoff().isZero()
                && settings.maxBackoff().compareTo(settings.initialBackoff()) < 0) {
            reporter.report(maxBackoffAt[0], field + ".max_backoff_seconds",
                    "is less than initial_backoff_seconds, so no wait could ever be as long as the first");
        }
        return settings;
    }

    private RetryPolicy.Strategy strategy(Reporter reporter, String field) throws IOException {
        long at = tokens.position();
        String written = values.text(reporter, field, false);
        if (written == null) {
            return null;
        }
        if (!STRATEGIES.contains(written)) {
            String meant = Suggestions.closest(written, STRATEGIES);
            reporter.report(at, field, "unknown strategy '" + written + "'"
                    + (meant != null ? ", did you mean '" + meant + "'?" : "; use \"fixed\" or \"exponential\""));
            return null;
        }
        return RetryPolicy.Strategy.valueOf(written.toUpperCase(Locale.ROOT));
    }
}
