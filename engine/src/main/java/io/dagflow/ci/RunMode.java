package io.dagflow.ci;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where a workflow started from a CI job runs. */
public enum RunMode {
    /** In the CI server's own process, with an in-memory transport and stores in the build's directory. */
    EMBEDDED,
    /** On the Redis-backed engine: workers elsewhere pull the tasks. */
    REDIS;

    /** The name users write: "embedded" or "redis". */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a mode as users write it, ignoring case and surrounding spaces.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static RunMode parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("mode is empty; use one of " + accepted());
        }
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        for (RunMode mode : values()) {
            if (mode.id().equals(wanted)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown mode '" + text.trim() + "'; use one of " + accepted());
    }

    /** The given mode, or {@code fallback} when none was given. */
    public static RunMode parseOr(String text, RunMode fallback) {
        return text == null || text.isBlank() ? fallback : parse(text);
    }

    private static String accepted() {
        return Arrays.stream(values()).map(RunMode::id).collect(Collectors.joining(", "));
    }
}
