package io.dagflow.timeline;

/** Durations as people read them: 850ms, 4.2s, 3m05s, 1h02m. */
public final class DurationText {

    private DurationText() {
    }

    public static String format(long millis) {
        if (millis < 0) {
            return "-" + format(-millis);
        }
        if (millis < 1_000) {
            return millis + "ms";
        }
        if (millis < 60_000) {
            long tenths = Math.round(millis / 100.0);
            return tenths % 10 == 0 ? (tenths / 10) + "s" : (tenths / 10) + "." + (tenths % 10) + "s";
        }
        long seconds = Math.round(millis / 1000.0);
        if (seconds < 3_600) {
            return (seconds / 60) + "m" + String.format("%02d", seconds % 60) + "s";
        }
        long minutes = seconds / 60;
        return (minutes / 60) + "h" + String.format("%02d", minutes % 60) + "m";
    }
}
