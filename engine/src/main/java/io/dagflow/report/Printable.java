package io.dagflow.report;

/**
 * Text from outside (ids, names, values, messages) made safe to print: control characters are
 * written as escapes, so that a NUL, an escape sequence that clears the terminal, a DEL or a
 * character that reverses the direction of text shows up as what it is instead of acting.
 */
public final class Printable {

    private Printable() {
    }

    /** The text on one line: every control character escaped, line breaks and tabs included. */
    public static String inline(String text) {
        return escape(text, false);
    }

    /** The text with its line breaks and tabs kept and every other control character escaped. */
    public static String lines(String text) {
        return escape(text, true);
    }

    /** Whether printing {@code c} could do something other than show a character. */
    public static boolean isControl(char c) {
        return c < 0x20 || c >= 0x7f && c <= 0x9f || c == '\u2028' || c == '\u2029'
                || c >= '\u202a' && c <= '\u202e' || c >= '\u2066' && c <= '\u2069';
    }

    private static String escape(String text, boolean keepLayout) {
        if (text == null) {
            return null;
        }
        int first = 0;
        while (first < text.length() && !mustEscape(text.charAt(first), keepLayout)) {
            first++;
        }
        if (first == text.length()) {
            return text;
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!mustEscape(c, keepLayout)) {
                escaped.append(c);
            } else if (c == '\n') {
                escaped.append("\\n");
            } else if (c == '\r') {
                escaped.append("\\r");
            } else if (c == '\t') {
                escaped.append("\\t");
            } else {
                escaped.append(String.format("\\u%04x", (int) c));
            }
        }
        return escaped.toString();
    }

    private static boolean mustEscape(char c, boolean keepLayout) {
        return isControl(c) && !(keepLayout && (c == '\n' || c == '\t'));
    }
}
