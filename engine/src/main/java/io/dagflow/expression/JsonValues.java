package io.dagflow.expression;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;

/** Equality and order of JSON values as expressions compare them. */
final class JsonValues {

    /** Numbers by value, everything else as Jackson compares it; Jackson applies it at every depth. */
    private static final Comparator<JsonNode> SAME = (a, b) ->
            a.isNumber() && b.isNumber() ? compareNumbers(a, b) : a.equals(b) ? 0 : 1;

    private JsonValues() {
    }

    /** JSON equality in which {@code 1}, {@code 1.0} and {@code 1e0} are one number, inside lists and objects too. */
    static boolean equal(JsonNode a, JsonNode b) {
        return a.equals(SAME, b);
    }

    static int compareNumbers(JsonNode a, JsonNode b) {
        if (!isFinite(a) || !isFinite(b)) {
            // a computed result may hold NaN or infinity, which BigDecimal cannot
            return Double.compare(a.doubleValue(), b.doubleValue());
        }
        return a.decimalValue().compareTo(b.decimalValue());
    }

    /** By Unicode code point, so that text outside the basic plane sorts after all of it. */
    static int compareText(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    private static boolean isFinite(JsonNode number) {
        return !(number.isDouble() || number.isFloat()) || Double.isFinite(number.doubleValue());
    }
}
