package io.dagflow.validation;

import com.fasterxml.jackson.core.JsonLocation;

/**
 * A line and column packed into one {@code long}: a large definition has millions of JSON tokens,
 * and recording where each was written must not cost an object per token.
 */
final class Position {

    static final long UNKNOWN = 0L;

    private Position() {
    }

    static long of(int line, int column) {
        return ((long) Math.max(line, 0) << 32) | (Math.max(column, 0) & 0xffffffffL);
    }

    static long of(JsonLocation location) {
        return location == null ? UNKNOWN : of(location.getLineNr(), location.getColumnNr());
    }

    static int line(long position) {
        return (int) (position >>> 32);
    }

    static int column(long position) {
        return (int) position;
    }

    static String describe(long position) {
        return "line " + line(position) + ", column " + column(position);
    }
}
