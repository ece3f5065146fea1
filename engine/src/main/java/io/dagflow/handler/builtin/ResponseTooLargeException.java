package io.dagflow.handler.builtin;

import java.io.IOException;

/** A response body went past the http node's {@code max_response_bytes}. */
final class ResponseTooLargeException extends IOException {

    private final int status;
    private final long limit;

    ResponseTooLargeException(int status, long limit) {
        super("response body larger than " + limit + " bytes");
        this.status = status;
        this.limit = limit;
    }

    int status() {
        return status;
    }

    long limit() {
        return limit;
    }
}
