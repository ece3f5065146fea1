package io.dagflow.json;

/**
 * A file that cannot be read as text: missing, a directory, not readable, or not UTF-8. The
 * reason speaks of the file, as it is shown to whoever gave its name.
 */
public final class UnreadableFileException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;
    private final String reason;

    UnreadableFileException(int line, int column, String reason) {
        super(reason);
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    /** 1-based line of the first byte that is not UTF-8, or 0 when the whole file is concerned. */
    public int line() {
        return line;
    }

    /** 1-based column of that byte, or 0. */
    public int column() {
        return column;
    }

    /** What is wrong, e.g. {@code no such file}. */
    public String reason() {
        return reason;
    }
}
