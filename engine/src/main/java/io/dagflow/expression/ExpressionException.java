package io.dagflow.expression;

/**
 * An expression that cannot be parsed, exceeds a limit, or fails while it is evaluated (a type
 * error). The message says what is wrong and where; {@link #column()} and {@link #token()} give
 * the same place to a caller that reports it inside a larger file.
 */
public class ExpressionException extends Exception {

    private final int column;
    private final String token;

    ExpressionException(String message, int column, String token) {
        super(message);
        this.column = column;
        this.token = token;
    }

    /** The 1-based column, counted in characters from the start of the expression. */
    public int column() {
        return column;
    }

    /** The token as written where the problem is, or null where there is none (the end, a limit). */
    public String token() {
        return token;
    }
}
