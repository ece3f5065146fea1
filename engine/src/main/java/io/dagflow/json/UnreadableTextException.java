package io.dagflow.json;

/**
 * Text a user gave that cannot be read: a file that is missing, a directory or not UTF-8
 * ({@link TextFile}), or JSON that is malformed or past one of the {@link Json} limits. The
 * reason speaks of the text only (what is wrong where, which limit and by how much), never of the
 * parser or the file system call that found it, so it can be shown as it is to whoever wrote it.
 */
public final class UnreadableTextException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;
    private final String reason;

    UnreadableTextException(int line, int column, String reason) {
        super((line > 0 ? "line " + line + ", column " + column + ": " : "") + reason);
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    /** 1-based line of the problem, or 0 when it concerns the whole file (or the place is unknown). */
    public int line() {
        return line;
    }

    /** 1-based column of the problem, or 0 when unknown. */
    public int column() {
        return column;
    }

    /** What is wrong, without the place: e.g. {@code no such file}, {@code malformed JSON: ...}. */
    public String reason() {
        return reason;
    }
}
