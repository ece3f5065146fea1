package io.dagflow.bench;

import java.util.Locale;

/** Numbers as the table shows them. */
final class Format {

    private Format() {
    }

    static String number(double value, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    static String spread(Summary summary, int decimals) {
        return number(summary.median(), decimals) + " [" + number(summary.min(), decimals) + ".."
                + number(summary.max(), decimals) + "]";
    }
}
