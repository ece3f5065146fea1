package io.dagflow.expression;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One token of an expression.
 *
 * @param text as written, for messages ({@code &&} stays {@code &&})
 * @param value the literal's value for strings and numbers, otherwise null
 * @param column 1-based, in characters
 */
record Token(Kind kind, String text, JsonNode value, int column) {

    enum Kind {
        NUMBER, STRING, TRUE, FALSE, NULL,
        /** A root or a function name: a letter or {@code _}, then letters, digits, {@code _} and {@code -}. */
        NAME,
        /** What follows a dot: letters, digits, {@code _} and {@code -}, keywords included ({@code x.in}). */
        KEY,
        AND, OR, NOT, IN,
        EQUAL, NOT_EQUAL, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL,
        DOT, COMMA, LEFT_PAREN, RIGHT_PAREN, LEFT_BRACKET, RIGHT_BRACKET,
        END
    }

    boolean is(Kind wanted) {
        return kind == wanted;
    }

    /** {@code 'and'}, {@code string 'x'} or {@code end of the expression}: how "unexpected ..." names the token. */
    String described() {
        if (kind == Kind.END) {
            return "end of the expression";
        }
        if (kind == Kind.STRING) {
            return "string " + Messages.shortened(text);
        }
        return "'" + Messages.shortened(text) + "'";
    }
}
