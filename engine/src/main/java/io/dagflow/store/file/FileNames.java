package io.dagflow.store.file;

import java.nio.charset.StandardCharsets;

/**
 * Turns ids (executions, nodes, workflow names, idempotency keys) into file names that are safe on
 * every file system: letters, digits, '-' and '_' stay, every other byte becomes {@code %XX}.
 * The dot is encoded too, so that an encoded name never reads as "..", never hides a file and can
 * be followed by an extension without ambiguity.
 */
final class FileNames {

    /** Leaves room for an extension and a temporary-file suffix within the usual 255-byte limit. */
    private static final int MAX_LENGTH = 200;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private FileNames() {
    }

    static String encode(String what, String id) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        StringBuilder name = new StringBuilder(id.length() + 8);
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
                name.append((char) c);
            } else {
                name.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        if (name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(what + " '" + abbreviate(id) + "' is too long to be stored in a file name ("
                    + name.length() + " characters once encoded, at most " + MAX_LENGTH + ")");
        }
        return name.toString();
    }

    private static String abbreviate(String id) {
        return id.length() <= 40 ? id : id.substring(0, 40) + "...";
    }
}
