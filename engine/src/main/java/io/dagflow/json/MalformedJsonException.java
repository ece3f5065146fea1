package io.dagflow.json;

/**
 * Text that is not JSON this project reads: malformed, or past one of the {@link Json} limits.
 * The reason speaks of the text only (what is wrong where, which limit and by how much), never
 * of the parser that found it, so it can be shown as it is to whoever wrote the text.
 */
public final class MalformedJsonException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;
    private final String reason;

    MalformedJsonException(int line, int column, String reason) {
        super((line > 0 ? "line " + line + ", column " + column + ": " : "") + reason);
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    /** 1-based line of the problem, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** 1-based column of the problem, or 0 when unknown. */
    public int column() {
        return column;
    }

    /** What is wrong, without the place: e.g. {@code malformed JSON: unexpected end of input}. */
    public String reason() {
        return reason;
    }
}
