package io.dagflow.expression;

import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dagflow.expression.Token.Kind;
import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits an expression into tokens, one at a time so that the first problem in the text is the
 * one reported. Columns count characters (code points), so that text after an emoji is placed
 * where an editor shows it.
 */
final class Lexer {

    private static final Pattern NUMBER = Pattern.compile("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?");
    private static final Map<String, Kind> KEYWORDS = Map.of(
            "and", Kind.AND, "or", Kind.OR, "not", Kind.NOT, "in", Kind.IN,
            "true", Kind.TRUE, "false", Kind.FALSE, "null", Kind.NULL);

    private final String text;
    private int index;
    private int column = 1;
    /** After a dot comes a key, even one that looks like a number or a keyword ({@code items.0}, {@code x.in}). */
    private boolean afterDot;

    Lexer(String text) {
        this.text = text;
    }

    Token next() throws ExpressionException {
        skipWhitespace();
        Token token = scan();
        afterDot = token.is(Kind.DOT);
        return token;
    }

    private Token scan() throws ExpressionException {
        if (index >= text.length()) {
            return new Token(Kind.END, "", null, column);
        }
        char c = text.charAt(index);
        if (afterDot && isWordPart(c)) {
            return word(Kind.KEY);
        }
        if (isWordStart(c)) {
            Token word = word(Kind.NAME);
            Kind keyword = KEYWORDS.get(word.text());
            return keyword == null ? word : new Token(keyword, word.text(), null, word.column());
        }
        if (isDigit(c) || c == '-' && index + 1 < text.length() && isDigit(text.charAt(index + 1))) {
            return number();
        }
        if (c == '\'' || c == '"') {
            return string(c);
        }
        return symbol(c);
    }

    private Token symbol(char c) throws ExpressionException {
        char following = index + 1 < text.length() ? text.charAt(index + 1) : '\0';
        switch (c) {
            case '.': return take(Kind.DOT, 1);
            case ',': return take(Kind.COMMA, 1);
            case '(': return take(Kind.LEFT_PAREN, 1);
            case ')': return take(Kind.RIGHT_PAREN, 1);
            case '[': return take(Kind.LEFT_BRACKET, 1);
            case ']': return take(Kind.RIGHT_BRACKET, 1);
            case '<': return following == '=' ? take(Kind.LESS_OR_EQUAL, 2) : take(Kind.LESS, 1);
            case '>': return following == '=' ? take(Kind.GREATER_OR_EQUAL, 2) : take(Kind.GREATER, 1);
            case '!': return following == '=' ? take(Kind.NOT_EQUAL, 2) : take(Kind.NOT, 1);
            case '=':
                if (following == '=') {
                    return take(Kind.EQUAL, 2);
                }
                throw unexpected("=", ": write '==' to compare");
            case '&':
                if (following == '&') {
                    return take(Kind.AND, 2);
                }
                throw unexpected("&", ": write 'and' or '&&'");
            case '|':
                if (following == '|') {
                    return take(Kind.OR, 2);
                }
                throw unexpected("|", ": write 'or' or '||'");
            default:
                throw unexpected(new String(Character.toChars(text.codePointAt(index))), "");
        }
    }

    private ExpressionException unexpected(String written, String hint) {
        return new ExpressionException("unexpected '" + written + "' at column " + column + hint, column, written);
    }

    private Token take(Kind kind, int length) {
        Token token = new Token(kind, text.substring(index, index + length), null, column);
        index += length;
        column += length;
        return token;
    }

    private Token word(Kind kind) {
        int start = index;
        while (index < text.length() && isWordPart(text.charAt(index))) {
            index++;
        }
        Token token = new Token(kind, text.substring(start, index), null, column);
        column += index - start;
        return token;
    }

    private Token number() throws ExpressionException {
        int start = index;
        int end = start;
        // the whole run that would belong to the number, so that 01, 1.2.3 and 3rd are refused whole
        while (end < text.length() && (isWordPart(text.charAt(end)) || "+.".indexOf(text.charAt(end)) >= 0)) {
            end++;
        }
        String written = text.substring(start, end);
        Matcher matcher = NUMBER.matcher(written);
        if (!matcher.matches()) {
            throw new ExpressionException("malformed number '" + Messages.shortened(written) + "' at column " + column
                    + ": numbers are written as in JSON, such as 0, -2, 1.5 or 1e6", column, written);
        }
        BigDecimal value;
        try {
            value = new BigDecimal(written);
        } catch (NumberFormatException exponentTooLarge) {
            throw new ExpressionException("number " + written + " at column " + column + " is out of range",
                    column, written);
        }
        Token token = new Token(Kind.NUMBER, written, DecimalNode.valueOf(value), column);
        index = end;
        column += end - start;
        return token;
    }

    private Token string(char quote) throws ExpressionException {
        int start = index;
        int startColumn = column;
        StringBuilder value = new StringBuilder();
        advance();
        while (true) {
            if (index >= text.length()) {
                throw new ExpressionException("unterminated string starting at column " + startColumn,
                        startColumn, text.substring(start));
            }
            char c = text.charAt(index);
            if (c == quote) {
                advance();
                return new Token(Kind.STRING, text.substring(start, index), TextNode.valueOf(value.toString()),
                        startColumn);
            }
            if (c == '\\') {
                escape(value, startColumn);
            } else {
                value.appendCodePoint(text.codePointAt(index));
                advance();
            }
        }
    }

    private void escape(StringBuilder value, int stringColumn) throws ExpressionException {
        if (index + 1 >= text.length()) {
            throw new ExpressionException("unterminated string starting at column " + stringColumn, stringColumn,
                    text.substring(index));
        }
        int escapeColumn = column;
        int which = "\\'\"/bfnrt".indexOf(text.charAt(index + 1));
        if (which >= 0) {
            value.append("\\'\"/\b\f\n\r\t".charAt(which));
            index += 2;
            column += 2;
            return;
        }
        boolean unicode = text.charAt(index + 1) == 'u';
        if (unicode && index + 6 <= text.length() && isHex(text.substring(index + 2, index + 6))) {
            value.append((char) Integer.parseInt(text.substring(index + 2, index + 6), 16));
            index += 6;
            column += 6;
            return;
        }
        int end = index + 1 + Character.charCount(text.codePointAt(index + 1));
        while (unicode && end < Math.min(text.length(), index + 6) && isHex(text.charAt(end))) {
            end++;
        }
        String written = text.substring(index, end);
        throw new ExpressionException("invalid escape '" + written + "' at column " + escapeColumn
                + " in the string starting at column " + stringColumn
                + ": use \\\\, \\', \\\", \\/, \\b, \\f, \\n, \\r, \\t or \\u and four hex digits",
                escapeColumn, written);
    }

    private void skipWhitespace() {
        while (index < text.length() && " \t\r\n".indexOf(text.charAt(index)) >= 0) {
            index++;
            column++;
        }
    }

    private void advance() {
        index += Character.charCount(text.codePointAt(index));
        column++;
    }

    private static boolean isHex(String digits) {
        return digits.chars().allMatch(c -> isHex((char) c));
    }

    /** ASCII only: Character.digit would also take other scripts' digits. */
    private static boolean isHex(char c) {
        return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWordStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }

    static boolean isWordPart(char c) {
        return isWordStart(c) || isDigit(c) || c == '-';
    }
}
