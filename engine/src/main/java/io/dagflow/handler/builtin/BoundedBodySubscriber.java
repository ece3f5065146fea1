package io.dagflow.handler.builtin;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body into memory, up to a limit. Past the limit it cancels the download
 * and fails with {@link ResponseTooLargeException} rather than holding an unbounded body.
 *
 * <p>The HTTP client calls {@code onNext} serially, so the buffer needs no locking.
 */
final class BoundedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {

    private final int status;
    private final int limit;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    BoundedBodySubscriber(int status, int limit) {
        this.status = status;
        this.limit = limit;
    }

    static HttpResponse.BodyHandler<byte[]> handler(int limit) {
        return info -> new BoundedBodySubscriber(info.statusCode(), limit);
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (body.isDone()) {
            return;
        }
        for (ByteBuffer item : items) {
            int length = item.remaining();
            if ((long) buffer.size() + length > limit) {
                subscription.cancel();
                body.completeExceptionally(new ResponseTooLargeException(status, limit));
                return;
            }
            byte[] chunk = new byte[length];
            item.get(chunk);
            buffer.write(chunk, 0, length);
        }
    }

    @Override
    public void onError(Throwable failure) {
        body.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        body.complete(buffer.toByteArray());
    }
}
