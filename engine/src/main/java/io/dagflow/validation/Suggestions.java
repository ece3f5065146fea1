package io.dagflow.validation;

import java.util.Locale;

/** Finds the name a mistyped one was probably meant to be, for "did you mean ...?" hints. */
final class Suggestions {

    private static final int SHORTEST_USEFUL_PREFIX = 4;

    private Suggestions() {
    }

    /**
     * The candidate closest to {@code written}, or null when none is close enough to be a likely
     * typo. Case, camelCase and dashes are ignored ({@code retryPolicy} finds {@code retry_policy}),
     * and a candidate that starts with what was written counts ({@code timeout} finds
     * {@code timeout_seconds}).
     */
    static String closest(String written, Iterable<String> candidates) {
        String wanted = normalise(written);
        // at most a third of the letters wrong, and never all of them ('b' does not suggest 'a')
        int limit = Math.min(wanted.length() - 1, Math.max(1, Math.min(3, wanted.length() / 3)));
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            String normalised = normalise(candidate);
            int distance;
            if (wanted.length() >= SHORTEST_USEFUL_PREFIX && normalised.startsWith(wanted)) {
                distance = normalised.length() - wanted.length();
            } else if (Math.abs(normalised.length() - wanted.length()) > limit) {
                continue;
            } else {
                distance = distance(wanted, normalised);
                if (distance > limit) {
                    continue;
                }
            }
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** {@code ", did you mean 'x'?"} or an empty string. */
    static String didYouMean(String written, Iterable<String> candidates) {
        String closest = closest(written, candidates);
        return closest == null ? "" : ", did you mean '" + closest + "'?";
    }

    /**
     * Edits (insert, delete, substitute, swap two neighbours) turning {@code a} into {@code b}:
     * the optimal string alignment distance, which counts the common {@code hnadler} typo as one.
     */
    static int distance(String a, String b) {
        int[] twoBack = new int[b.length() + 1];
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int best = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    best = Math.min(best, twoBack[j - 2] + 1);
                }
                current[j] = best;
            }
            int[] recycled = twoBack;
            twoBack = previous;
            previous = current;
            current = recycled;
        }
        return previous[b.length()];
    }

    private static String normalise(String name) {
        if (isNormal(name)) {
            return name;
        }
        StringBuilder normalised = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c) && i > 0 && Character.isLowerCase(name.charAt(i - 1))) {
                normalised.append('_');
            }
            normalised.append(c == '-' ? '_' : c);
        }
        return normalised.toString().toLowerCase(Locale.ROOT);
    }

    /** Most names are already lower snake_case; checking first spares scanning 100,000 ids a copy each. */
    private static boolean isNormal(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '-' || Character.isUpperCase(c)) {
                return false;
            }
        }
        return true;
    }
}
