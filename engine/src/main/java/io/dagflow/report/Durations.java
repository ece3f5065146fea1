package io.dagflow.report;

import java.util.Locale;

/** Durations as people read them in a console or on a web page. */
public final class Durations {

    private Durations() {
    }

    /** "850 ms", "1.2 s", "2 min 3 s", "1 h 2 min"; negative durations count as zero. */
    public static String format(long millis) {
        long ms = Math.max(0, millis);
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            long tenths = Math.round(ms / 100.0);
            return tenths % 10 == 0
                    ? (tenths / 10) + " s"
                    : String.format(Locale.ROOT, "%.1f s", tenths / 10.0);
        }
        long seconds = ms / 1000;
        if (seconds < 3600) {
            long rest = seconds % 60;
            return (seconds / 60) + " min" + (rest == 0 ? "" : " " + rest + " s");
        }
        long minutes = seconds / 60;
        long rest = minutes % 60;
        return (minutes / 60) + " h" + (rest == 0 ? "" : " " + rest + " min");
    }
}
