package io.dagflow.handler.builtin;

import java.nio.charset.StandardCharsets;

/**
 * Keeps the last {@code capacity} bytes written to it and counts the rest. The end of a
 * program's output is where failures show, so that is the part kept. Thread-safe.
 */
final class TailBuffer {

    private final byte[] ring;
    private long total;

    TailBuffer(int capacity) {
        this.ring = new byte[capacity];
    }

    synchronized void write(byte[] bytes, int offset, int length) {
        if (length >= ring.length) {
            total += length - ring.length;
            offset += length - ring.length;
            length = ring.length;
        }
        int position = (int) (total % ring.length);
        int first = Math.min(length, ring.length - position);
        System.arraycopy(bytes, offset, ring, position, first);
        System.arraycopy(bytes, offset + first, ring, 0, length - first);
        total += length;
    }

    synchronized boolean truncated() {
        return total > ring.length;
    }

    synchronized byte[] bytes() {
        if (total <= ring.length) {
            byte[] kept = new byte[(int) total];
            System.arraycopy(ring, 0, kept, 0, kept.length);
            return kept;
        }
        int position = (int) (total % ring.length);
        byte[] kept = new byte[ring.length];
        System.arraycopy(ring, position, kept, 0, ring.length - position);
        System.arraycopy(ring, 0, kept, ring.length - position, position);
        return kept;
    }

    /** The kept bytes as UTF-8; a character cut in half by truncation is dropped rather than garbled. */
    String text() {
        byte[] kept;
        boolean cut;
        synchronized (this) {
            kept = bytes();
            cut = truncated();
        }
        int start = 0;
        while (cut && start < Math.min(3, kept.length) && (kept[start] & 0xC0) == 0x80) {
            start++;
        }
        return new String(kept, start, kept.length - start, StandardCharsets.UTF_8);
    }
}
