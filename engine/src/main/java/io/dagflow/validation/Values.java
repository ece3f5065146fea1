package io.dagflow.validation;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * Reads typed values from the token stream, reporting a value of the wrong type or out of range
 * where it is written and moving past it, so that reading goes on and finds every problem.
 */
final class Values {

    /** About 31 years: any longer is a mistake, and durations this long still fit in nanoseconds. */
    static final double MAX_SECONDS = 1e9;

    private final Tokens tokens;

    /** Reads the value of one accepted field; the value's first token is current. */
    @FunctionalInterface
    interface FieldReader {
        void read(String name) throws IOException;
    }

    Values(Tokens tokens) {
        this.tokens = tokens;
    }

    /** A whole number from 1 to {@link Integer#MAX_VALUE} (3.0 counts as 3), or null (reported). */
    Integer attempts(Reporter reporter, String field) throws IOException {
        return positiveCount(reporter, field, " (1 means no retry)");
    }

    /** A whole number from 1 to {@code Integer.MAX_VALUE} (3.0 counts as 3), or null (reported). */
    Integer positiveCount(Reporter reporter, String field) throws IOException {
        return positiveCount(reporter, field, "");
    }

    private Integer positiveCount(Reporter reporter, String field, String meaningOfOne) throws IOException {
        long at = tokens.position();
        if (!tokens.isNumber()) {
            reporter.report(at, field, "must be a whole number, not " + tokens.describeAndSkip());
            return null;
        }
        String written = tokens.text();
        JsonNode value = tokens.scalar();
        if (!value.canConvertToExactIntegral()) {
            reporter.report(at, field, "must be a whole number, not " + written);
            return null;
        }
        if (value.doubleValue() < 1) {
            reporter.report(at, field, "must be at least 1" + meaningOfOne + ", was " + written);
            return null;
        }
        if (!value.canConvertToInt()) {
            reporter.report(at, field, "must be at most " + Integer.MAX_VALUE + ", was " + written);
            return null;
        }
        return value.intValue();
    }

    /** A number of seconds, at most {@link #MAX_SECONDS}, as a duration; or null (reported). */
    Duration seconds(Reporter reporter, String field, boolean zeroAllowed) throws IOException {
        long at = tokens.position();
        Double seconds = number(reporter, field, 0, zeroAllowed ? "at least 0" : "greater than 0", MAX_SECONDS);
        if (seconds == null) {
            return null;
        }
        if (!zeroAllowed && seconds == 0) {
            reporter.report(at, field, "must be greater than 0, was " + tokens.text());
            return null;
        }
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }

    /**
     * A number within {@code [min, max]}, or null: reported as breaking the bound it passed,
     * {@code must be <atLeast>} below and {@code must be at most <max>} above, with the value as written.
     */
    Double number(Reporter reporter, String field, double min, String atLeast, double max) throws IOException {
        long at = tokens.position();
        if (!tokens.isNumber()) {
            reporter.report(at, field, "must be a number, not " + tokens.describeAndSkip());
            return null;
        }
        String written = tokens.text();
        double number = tokens.scalar().doubleValue();
        if (number < min) {
            reporter.report(at, field, "must be " + atLeast + ", was " + written);
            return null;
        }
        if (number > max) {
            reporter.report(at, field, "must be at most " + BigDecimal.valueOf(max).stripTrailingZeros().toPlainString() + ", was " + written);
            return null;
        }
        return number;
    }

    /** The text of a string value, or null (reported) when it is not a string or is blank. */
    String text(Reporter reporter, String field, boolean blankAllowed) throws IOException {
        if (!tokens.isString()) {
            reporter.report(tokens.position(), field, "must be a string, not " + tokens.describeAndSkip());
            return null;
        }
        String text = tokens.text();
        if (!blankAllowed && text.isBlank()) {
            reporter.report(tokens.position(), field, "must not be empty");
            return null;
        }
        return text;
    }

    /** Whether the current value is an object; reports and skips it otherwise. */
    boolean isObject(Reporter reporter, String field) throws IOException {
        if (tokens.current() != JsonToken.START_OBJECT) {
            reporter.report(tokens.position(), field, "must be an object, not " + tokens.describeAndSkip());
            return false;
        }
        return true;
    }

    /**
     * Reads the fields of the object whose opening brace is current, up to its closing brace:
     * each accepted field's value goes to {@code reader}; unknown and repeated fields are
     * reported (with {@code owner}, the object's own field name) and skipped.
     */
    Written fields(FieldSet accepted, Reporter reporter, String owner, FieldReader reader)
            throws IOException {
        Written written = new Written(accepted);
        while (tokens.next() == JsonToken.FIELD_NAME) {
            String name = tokens.name();
            long at = tokens.position();
            tokens.next();
            int known = accepted.names().indexOf(name);
            if (known < 0) {
                reporter.report(at, owner, accepted.unknownFieldMessage(name));
                tokens.skipValue();
            } else if (written.firstAt[known] != Position.UNKNOWN) {
                reporter.report(at, owner == null ? name : owner + "." + name, "is written twice (first at "
                        + Position.describe(written.firstAt[known]) + "); JSON keeps only one, so remove the other");
                tokens.skipValue();
            } else {
                written.firstAt[known] = at;
                reader.read(name);
            }
        }
        return written;
    }

    /** Where each accepted field of one object was first written. */
    static final class Written {
        private final FieldSet accepted;
        private final long[] firstAt;

        Written(FieldSet accepted) {
            this.accepted = accepted;
            this.firstAt = new long[accepted.names().size()];
        }

        /** Reports a required field that was not written, at the object's opening brace. */
        void require(String name, long objectStart, Reporter reporter, String field, String message) {
            if (firstAt[accepted.names().indexOf(name)] == Position.UNKNOWN) {
                reporter.report(objectStart, field, message);
            }
        }
    }
}
