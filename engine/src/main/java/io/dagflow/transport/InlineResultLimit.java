package io.dagflow.transport;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Decides whether a handler's result travels inside its {@link ResultMessage} or only through the
 * result store. Large results stay out of the transport so that streams hold small entries; the
 * worker has stored every result before it reports success, so the orchestrator reads a result
 * that did not travel from the store.
 */
public final class InlineResultLimit {

    /** 64 KiB of JSON. */
    public static final int DEFAULT_MAX_BYTES = 64 * 1024;

    private static final InlineResultLimit DEFAULT = new InlineResultLimit(DEFAULT_MAX_BYTES);

    private final int maxBytes;

    public InlineResultLimit(int maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("Inline result limit " + maxBytes + " must not be negative");
        }
        this.maxBytes = maxBytes;
    }

    public static InlineResultLimit defaultLimit() {
        return DEFAULT;
    }

    public int maxBytes() {
        return maxBytes;
    }

    /** True when the result's JSON is at most {@link #maxBytes()} bytes (null results always fit). */
    public boolean fits(JsonNode result) {
        if (result == null) {
            return true;
        }
        SizeLimitedSink sink = new SizeLimitedSink(maxBytes);
        try {
            Json.mapper().writeValue(sink, result);
        } catch (SizeLimitedSink.TooLarge tooLarge) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }

    /** The success message of {@code task}, with the result inline only when it {@link #fits}. */
    public ResultMessage succeeded(TaskMessage task, String worker, long startedAt, long finishedAt, JsonNode result) {
        return ResultMessage.succeeded(task, worker, startedAt, finishedAt, result, fits(result));
    }

    /** Counts bytes and gives up as soon as the limit is passed, so huge results are not written out whole. */
    private static final class SizeLimitedSink extends OutputStream {

        private static final class TooLarge extends IOException {
            private static final long serialVersionUID = 1L;

            @Override
            public synchronized Throwable fillInStackTrace() {
                return this;
            }
        }

        private final long limit;
        private long count;

        SizeLimitedSink(long limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            add(1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            add(length);
        }

        private void add(long bytes) throws TooLarge {
            count += bytes;
            if (count > limit) {
                throw new TooLarge();
            }
        }
    }
}
