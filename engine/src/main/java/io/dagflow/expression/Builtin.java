package io.dagflow.expression;

import java.util.Locale;
import java.util.Map;

/** The functions an expression may call; there are deliberately few. */
enum Builtin {
    /** Whether a path leads to a value; a JSON null is a value. */
    EXISTS("exists", true, true),
    /** Whether a path leads to nothing, null, "", [] or {}. */
    EMPTY("empty", true, true),
    /** The characters of a string, the elements of a list, the keys of an object. */
    LEN("len", false, false);

    /** Names other languages use for these, so that a mistake gets the right suggestion. */
    private static final Map<String, Builtin> KNOWN_ELSEWHERE = Map.of(
            "length", LEN, "size", LEN, "count", LEN,
            "defined", EXISTS, "has", EXISTS, "present", EXISTS, "isset", EXISTS,
            "isempty", EMPTY, "blank", EMPTY, "isblank", EMPTY);
    private static final int SHARED_PREFIX_FOR_A_TYPO = 2;

    final String name;
    /** Takes a path rather than any value: presence is a question about where, not what. */
    final boolean takesPath;
    /** Gives true or false, so that a call can stand as a whole condition. */
    final boolean givesBoolean;

    Builtin(String name, boolean takesPath, boolean givesBoolean) {
        this.name = name;
        this.takesPath = takesPath;
        this.givesBoolean = givesBoolean;
    }

    static Builtin named(String name) {
        for (Builtin function : values()) {
            if (function.name.equals(name)) {
                return function;
            }
        }
        return null;
    }

    /**
     * The function an unknown name was probably meant to be, or null. With three names that start
     * differently, the first letters written decide ({@code lenght}, {@code emtpy}, {@code exsits});
     * names from other languages are recognised by name.
     */
    static Builtin meant(String written) {
        String lower = written.toLowerCase(Locale.ROOT).replace("_", "");
        Builtin known = KNOWN_ELSEWHERE.get(lower);
        if (known != null) {
            return known;
        }
        Builtin best = null;
        int longest = SHARED_PREFIX_FOR_A_TYPO - 1;
        for (Builtin function : values()) {
            int shared = sharedPrefix(lower, function.name);
            if (shared > longest) {
                best = function;
                longest = shared;
            }
        }
        return best;
    }

    private static int sharedPrefix(String a, String b) {
        int n = 0;
        while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) {
            n++;
        }
        return n;
    }

    /** "exists, empty and len", for messages. */
    static String names() {
        StringBuilder names = new StringBuilder();
        Builtin[] all = values();
        for (int i = 0; i < all.length; i++) {
            names.append(i == 0 ? "" : i == all.length - 1 ? " and " : ", ").append(all[i].name);
        }
        return names.toString();
    }
}
