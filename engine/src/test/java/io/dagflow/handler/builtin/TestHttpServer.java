package io.dagflow.handler.builtin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dagflow.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on a free loopback port with the endpoints the http handler tests call.
 *
 * <ul>
 *   <li>{@code /echo}: answers 200 with JSON describing the request it received.</li>
 *   <li>{@code /text}: answers plain text.</li>
 *   <li>{@code /status/N}: answers status N with a short text body.</li>
 *   <li>{@code /redirect}: answers 302 to {@code /echo}.</li>
 *   <li>{@code /redirect-to?URL}: answers 307 to the URL.</li>
 *   <li>{@code /large}: answers 2000 bytes of text.</li>
 *   <li>{@code /broken-json}: declares JSON but sends text.</li>
 *   <li>{@code /hang}: answers only when the server closes, to provoke time-outs.</li>
 * </ul>
 */
final class TestHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicInteger echoed = new AtomicInteger();

    TestHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/echo", this::echo);
        server.createContext("/text", exchange -> respond(exchange, 200, "text/plain; charset=utf-8", "plain words"));
        server.createContext("/status/", exchange -> {
            int status = Integer.parseInt(exchange.getRequestURI().getPath().substring("/status/".length()));
            respond(exchange, status, "text/plain", "body of status " + status);
        });
        server.createContext("/redirect", exchange -> {
            exchange.getResponseHeaders().add("Location", "/echo");
            respond(exchange, 302, "text/plain", "moved");
        });
        server.createContext("/redirect-to", exchange -> {
            // The whole query is the target: /redirect-to?http://elsewhere/path
            exchange.getResponseHeaders().add("Location", exchange.getRequestURI().getRawQuery());
            respond(exchange, 307, "text/plain", "moved");
        });
        server.createContext("/large", exchange -> respond(exchange, 200, "text/plain", "x".repeat(2000)));
        server.createContext("/broken-json", exchange -> respond(exchange, 200, "application/json", "<html>oops</html>"));
        server.createContext("/hang", exchange -> {
            try {
                closing.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, "text/plain", "too late");
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** How many requests reached /echo. */
    int requests() {
        return echoed.get();
    }

    private void echo(HttpExchange exchange) throws IOException {
        echoed.incrementAndGet();
        ObjectNode request = Json.object();
        request.put("method", exchange.getRequestMethod());
        request.put("path", exchange.getRequestURI().getRawPath());
        request.put("raw_query", exchange.getRequestURI().getRawQuery());
        ObjectNode headers = request.putObject("headers");
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            headers.put(header.getKey().toLowerCase(Locale.ROOT), String.join(",", header.getValue()));
        }
        request.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        exchange.getResponseHeaders().add("X-Served-By", "test-server");
        respond(exchange, 200, "application/json; charset=utf-8", Json.write(request));
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
