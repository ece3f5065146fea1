package io.dagflow.handler.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dagflow.handler.Handler;
import io.dagflow.handler.HandlerException;
import io.dagflow.handler.TaskContext;
import io.dagflow.json.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls an HTTP service. See docs/handlers.md for the config fields and the result shape.
 *
 * <p>Failures the service may get over (connection refused, time-out, 408, 429, 5xx, any other
 * status not accepted) are retriable; other 4xx statuses, bad config and a body larger than
 * {@code max_response_bytes} are not. Messages name the method, the URL without credentials or
 * query, the status and the start of the body.
 *
 * <p>{@code timeout_seconds} bounds the whole call, redirects and body included. One client is
 * shared by every task, so connections are pooled. Redirects are followed here rather than by the
 * client, so that {@link HttpDestinations} checks every URL the call goes to.
 */
public final class HttpHandler implements Handler {

    public static final String TYPE = "http";

    /** As many as the JDK client follows. */
    static final int MAX_REDIRECTS = 5;

    /** Made on the first call: a client starts threads, which a command that only validates never needs. */
    private HttpClient client;
    private final HttpDestinations destinations;

    /** A handler that may call any host. */
    public HttpHandler() {
        this(HttpDestinations.unrestricted());
    }

    public HttpHandler(HttpDestinations destinations) {
        this.destinations = destinations;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public JsonNode handle(TaskContext context) throws HandlerException, InterruptedException {
        HttpCall call = HttpCall.from(NodeConfig.of(TYPE, context));
        long deadline = System.nanoTime() + call.timeout().toNanos();
        HttpResponse<byte[]> response = send(call, deadline);
        for (int redirects = 0; call.followRedirects(); redirects++) {
            Optional<URI> next = redirect(call, response);
            if (next.isEmpty()) {
                break;
            }
            if (redirects == MAX_REDIRECTS) {
                throw HandlerException.permanent(call.description() + " redirected more than " + MAX_REDIRECTS
                        + " times");
            }
            call = call.redirectedTo(next.get(), response.statusCode());
            response = send(call, deadline);
        }
        HttpResponseBody body = new HttpResponseBody(response.body(), response.headers().firstValue("content-type"));
        int status = response.statusCode();
        if (!call.acceptedStatuses().accepts(status)) {
            throw new HandlerException(call.description() + " returned status " + status + ": " + body.excerpt(),
                    isRetriable(status));
        }
        ObjectNode result = Json.object();
        result.put("status", status);
        result.set("headers", headers(response));
        try {
            result.set("body", body.value());
        } catch (IOException e) {
            // A server that declares JSON and sends something else is misbehaving; it may recover.
            throw HandlerException.retriable(call.description() + " returned status " + status
                    + " with a Content-Type of JSON but a body that is not valid JSON: " + body.excerpt());
        }
        return result;
    }

    /** Redirects are followed by the handler, so that each destination is checked before it is called. */
    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return client;
    }

    /** Where a redirect leads, unless it is not one or leads from https to http (as the JDK client). */
    private static Optional<URI> redirect(HttpCall call, HttpResponse<?> response) {
        int status = response.statusCode();
        if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
            return Optional.empty();
        }
        Optional<URI> next;
        try {
            next = response.headers().firstValue("location").map(call.uri()::resolve);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return next.filter(uri -> uri.getScheme() != null && (uri.getScheme().equalsIgnoreCase("https")
                || uri.getScheme().equalsIgnoreCase("http") && !call.uri().getScheme().equalsIgnoreCase("https")));
    }

    private HttpResponse<byte[]> send(HttpCall call, long deadline) throws HandlerException, InterruptedException {
        destinations.check(call.uri(), call.description());
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw timedOut(call);
        }
        CompletableFuture<HttpResponse<byte[]>> future =
                client().sendAsync(call.toRequest(), BoundedBodySubscriber.handler(call.maxResponseBytes()));
        try {
            return future.get(remaining, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (TimeoutException e) {
            future.cancel(true);
            throw timedOut(call);
        } catch (ExecutionException e) {
            throw failure(call, e.getCause());
        }
    }

    private static HandlerException failure(HttpCall call, Throwable cause) {
        for (Throwable failure = cause; failure != null; failure = failure.getCause()) {
            if (failure instanceof ResponseTooLargeException tooLarge) {
                return HandlerException.permanent(call.description() + " returned status " + tooLarge.status()
                        + " with a body larger than " + tooLarge.limit()
                        + " bytes; raise max_response_bytes to accept it");
            }
            if (failure instanceof HttpTimeoutException) {
                return timedOut(call);
            }
            if (failure instanceof ConnectException) {
                String reason = failure.getMessage() == null ? "connection refused" : failure.getMessage();
                return new HandlerException(call.description() + " failed: could not connect ("
                        + SafeUrl.redact(reason) + ")", true, failure);
            }
            if (failure instanceof UnresolvedAddressException || failure instanceof UnknownHostException) {
                return new HandlerException(call.description() + " failed: unknown host", true, failure);
            }
        }
        String reason = cause == null ? "unknown error" : cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + SafeUrl.redact(cause.getMessage()));
        return new HandlerException(call.description() + " failed: " + reason, true, cause);
    }

    private static HandlerException timedOut(HttpCall call) {
        return HandlerException.retriable(call.description() + " timed out after "
                + seconds(call.timeout().toMillis()) + " (timeout_seconds)");
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis / 1000.0 + "s";
    }

    /** 408 and 429 ask the client to come back later; other client errors will not change. */
    static boolean isRetriable(int status) {
        return status == 408 || status == 429 || status < 400 || status >= 500;
    }

    private static ObjectNode headers(HttpResponse<?> response) {
        ObjectNode headers = Json.object();
        for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!name.startsWith(":") && !header.getValue().isEmpty() && !headers.has(name)) {
                headers.put(name, header.getValue().get(0));
            }
        }
        return headers;
    }
}
