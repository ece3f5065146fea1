package io.dagflow.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.dagflow.report.Printable;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Words the parser's failures for whoever wrote the text. The parser's messages name its own
 * settings and types ("enable JsonReadFeature...", "Source: REDACTED", a Java class); these say
 * what is wrong with the text, and which limit a text broke, by how much.
 */
final class JsonErrors {

    /** Where the parser refers to a place in its input: the problem already says where. */
    private static final Pattern SOURCE_REFERENCE =
            Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)]");
    /** Advice to change a parser setting, which a person writing JSON cannot follow. */
    private static final Pattern SETTING_ADVICE = Pattern.compile(":? *(enable|disable) `[^`]*` to allow.*$");
    private static final Pattern NON_STANDARD_TOKEN = Pattern.compile("^Non-standard token '([^']*)'.*$");
    private static final Pattern LIMIT_FIGURE = Pattern.compile("\\((\\d+)\\) exceeds the maximum");

    private JsonErrors() {
    }

    static UnreadableTextException at(JsonLocation where, String reason) {
        return where == null ? at(0, 0, reason) : at(where.getLineNr(), where.getColumnNr(), reason);
    }

    private static UnreadableTextException at(int line, int column, String reason) {
        return new UnreadableTextException(line, column, Printable.inline(reason));
    }

    static UnreadableTextException describe(JsonProcessingException failure, String source, JsonParser parser) {
        JsonLocation where = failure.getLocation() != null ? failure.getLocation()
                : parser != null ? parser.currentLocation() : null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamConstraintsException limit) {
                return limit(limit, source, where);
            }
        }
        if (failure instanceof JsonMappingException mapping) {
            return at(where, binding(mapping));
        }
        return at(where, "malformed JSON: " + syntax(failure));
    }

    private static UnreadableTextException limit(StreamConstraintsException failure, String source, JsonLocation where) {
        String message = String.valueOf(failure.getOriginalMessage());
        if (message.startsWith("Document nesting depth")) {
            // the parser stands just past the bracket it refused to open
            int column = where == null ? 0 : Math.max(1, where.getColumnNr() - 1);
            return at(where == null ? 0 : where.getLineNr(), column, "nesting limit exceeded: level " + (Json.MAX_NESTING_DEPTH + 1) + " starts here,"
                    + " and objects and lists may be nested at most " + Json.MAX_NESTING_DEPTH + " levels deep");
        }
        boolean name = message.startsWith("Name length");
        if (name || message.startsWith("String value length")) {
            // The parser gives up part way through a long string and counts only what it read.
            long offset = where == null ? -1 : where.getCharOffset();
            LongString string = source == null || offset < 0 ? null : LongString.before(source, (int) Math.min(offset,
                    source.length()));
            String what = name ? "field name" : "string";
            int max = name ? Json.MAX_NAME_LENGTH : Json.MAX_STRING_LENGTH;
            String reason = string != null ? tooLong(what, string.length(), max)
                    : what + " length limit exceeded: a " + what + " of more than " + max + " characters, and at most "
                            + max + " are allowed";
            return string != null ? string.at(source, reason) : at(where, reason);
        }
        if (message.startsWith("Number value length")) {
            Matcher figure = LIMIT_FIGURE.matcher(message);
            String length = figure.find() ? figure.group(1) : "more than " + Json.MAX_NUMBER_LENGTH;
            return at(where, "number length limit exceeded: a number of " + length + " characters, and at most "
                    + Json.MAX_NUMBER_LENGTH + " are allowed");
        }
        return at(where, "size limit exceeded");
    }

    private static String tooLong(String what, int length, int max) {
        return what + " length limit exceeded: a " + what + " of " + length + " characters, and at most " + max
                + " are allowed";
    }

    private static String syntax(JsonProcessingException failure) {
        String message = failure.getOriginalMessage() == null ? "cannot be read" : failure.getOriginalMessage();
        int lineBreak = message.indexOf('\n');
        message = lineBreak < 0 ? message : message.substring(0, lineBreak);
        Matcher nonStandard = NON_STANDARD_TOKEN.matcher(message);
        if (nonStandard.matches()) {
            return nonStandard.group(1) + " is not a JSON number; JSON has no NaN or Infinity, and a number has no '+'";
        }
        message = message.replace("JSON spec does not allow numbers to have plus signs", "a number has no '+'");
        message = SOURCE_REFERENCE.matcher(message).replaceAll("line $1, column $2");
        return SETTING_ADVICE.matcher(message).replaceAll("");
    }

    /** A value of the wrong type for the message it is read as, named by its field. */
    private static String binding(JsonMappingException failure) {
        String field = failure.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName()
                        : String.valueOf(reference.getIndex()))
                .collect(Collectors.joining("."));
        String rule = failure instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                ? "must be " + expected(mismatch.getTargetType())
                : "is out of range";
        return field.isEmpty() ? "the value " + rule : "field '" + field + "' " + rule;
    }

    private static String expected(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", "));
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return Map.class.isAssignableFrom(type) || !type.isPrimitive() ? "an object" : "another kind of value";
    }

    /** The string (or field name) that a position in JSON text falls in or just after. */
    private record LongString(int start, int length) {

        /** Skips strings and comments from the start, so that quotes inside them are not taken for others. */
        static LongString before(String source, int offset) {
            int start = -1;
            int i = 0;
            while (i < source.length() && i <= offset) {
                char c = source.charAt(i);
                if (c == '"') {
                    start = i;
                    i = end(source, i);
                } else if (c == '/' && i + 1 < source.length() && source.charAt(i + 1) == '/') {
                    int lineEnd = source.indexOf('\n', i);
                    i = lineEnd < 0 ? source.length() : lineEnd + 1;
                } else if (c == '/' && i + 1 < source.length() && source.charAt(i + 1) == '*') {
                    int commentEnd = source.indexOf("*/", i + 2);
                    i = commentEnd < 0 ? source.length() : commentEnd + 2;
                } else {
                    i++;
                }
            }
            return start < 0 ? null : new LongString(start, decodedLength(source, start));
        }

        /** The index after the closing quote of the string opened at {@code quote}. */
        private static int end(String source, int quote) {
            int i = quote + 1;
            while (i < source.length() && source.charAt(i) != '"') {
                i += source.charAt(i) == '\\' ? 2 : 1;
            }
            return i + 1;
        }

        private static int decodedLength(String source, int quote) {
            int length = 0;
            int i = quote + 1;
            while (i < source.length() && source.charAt(i) != '"') {
                if (source.charAt(i) == '\\') {
                    i += i + 1 < source.length() && source.charAt(i + 1) == 'u' ? 6 : 2;
                } else {
                    i++;
                }
                length++;
            }
            return length;
        }

        /** The problem at the string's opening quote. */
        UnreadableTextException at(String source, String reason) {
            int line = 1;
            int lineStart = 0;
            for (int i = source.indexOf('\n'); i >= 0 && i < start; i = source.indexOf('\n', i + 1)) {
                line++;
                lineStart = i + 1;
            }
            return JsonErrors.at(line, start - lineStart + 1, reason);
        }
    }
}
