package io.dagflow.handler.builtin;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;

/**
 * Drains one output stream of a process on its own thread into a {@link TailBuffer}, so that the
 * process never blocks on a full pipe whatever the other stream does.
 */
final class StreamCapture {

    private final InputStream stream;
    private final TailBuffer buffer;
    private final Thread reader;
    private volatile IOException failure;
    private volatile boolean ended;

    private StreamCapture(InputStream stream, int maxBytes, String threadName) {
        this.stream = stream;
        this.buffer = new TailBuffer(maxBytes);
        this.reader = new Thread(this::drain, threadName);
        this.reader.setDaemon(true);
    }

    static StreamCapture start(InputStream stream, int maxBytes, String threadName) {
        StreamCapture capture = new StreamCapture(stream, maxBytes, threadName);
        capture.reader.start();
        return capture;
    }

    private void drain() {
        byte[] chunk = new byte[8192];
        try (stream) {
            int read;
            while ((read = stream.read(chunk)) >= 0) {
                buffer.write(chunk, 0, read);
            }
        } catch (IOException e) {
            failure = e;
        }
    }

    /**
     * Waits until the stream ends, at the latest until {@code deadline} ({@link System#nanoTime}).
     * A process that left the command's process tree may hold the pipe open, so the wait is
     * bounded; whatever was read by then is kept.
     */
    void awaitEnd(long deadline) throws InterruptedException, IOException {
        reader.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        if (failure != null) {
            throw failure;
        }
        ended = !reader.isAlive();
    }

    String text() {
        return buffer.text();
    }

    /** True when the text is not the whole output: cut to the limit, or the stream had not ended. */
    boolean truncated() {
        return buffer.truncated() || !ended;
    }
}
