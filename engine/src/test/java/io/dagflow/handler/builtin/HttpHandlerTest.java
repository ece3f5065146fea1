package io.dagflow.handler.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dagflow.handler.HandlerException;
import io.dagflow.json.Json;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HttpHandlerTest {

    private static TestHttpServer server;
    private static final HttpHandler handler = new HttpHandler();

    @BeforeAll
    static void startServer() throws Exception {
        server = new TestHttpServer();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static TestTaskContext call(String configJson) {
        return TestTaskContext.withConfig(configJson);
    }

    private static ObjectNode config(String url) {
        ObjectNode config = Json.object();
        config.put("url", url);
        return config;
    }

    private static TestTaskContext call(ObjectNode config) {
        return TestTaskContext.withConfig(Json.write(config));
    }

    private static HandlerException failureOf(TestTaskContext context) {
        return catchThrowableOfType(HandlerException.class, () -> handler.handle(context));
    }

    @Test
    void getSendsUrlEncodedQueryParametersAndHeaders() throws Exception {
        ObjectNode config = config(server.url("/echo?fixed=1"));
        config.putObject("query").put("name", "Ada Lovelace").put("page", 2).putArray("tag").add("a&b").add("c");
        config.putObject("headers").put("X-Request-Id", "abc-123");

        JsonNode result = handler.handle(call(config));

        assertThat(result.get("status").asInt()).isEqualTo(200);
        JsonNode received = result.get("body");
        assertThat(received.get("method").asText()).isEqualTo("GET");
        assertThat(received.get("raw_query").asText()).isEqualTo("fixed=1&name=Ada%20Lovelace&page=2&tag=a%26b&tag=c");
        assertThat(received.get("headers").get("x-request-id").asText()).isEqualTo("abc-123");
    }

    @Test
    void responseHeadersAreKeyedByLowerCaseName() throws Exception {
        JsonNode result = handler.handle(call(config(server.url("/echo"))));

        assertThat(result.get("headers").get("x-served-by").asText()).isEqualTo("test-server");
        assertThat(result.get("headers").get("content-type").asText()).isEqualTo("application/json; charset=utf-8");
    }

    @Test
    void aJsonBodyIsSentAsApplicationJson() throws Exception {
        ObjectNode config = config(server.url("/echo"));
        config.put("method", "post");
        config.putObject("body").put("user_id", 7).putArray("items").add("book");

        JsonNode received = handler.handle(call(config)).get("body");

        assertThat(received.get("method").asText()).isEqualTo("POST");
        assertThat(received.get("headers").get("content-type").asText()).isEqualTo("application/json");
        assertThat(Json.tree(received.get("body").asText())).isEqualTo(Json.tree("{\"user_id\": 7, \"items\": [\"book\"]}"));
    }

    @Test
    void aTextBodyIsSentAsPlainTextUnlessAContentTypeIsGiven() throws Exception {
        ObjectNode plain = config(server.url("/echo"));
        plain.put("method", "PUT").put("body", "line one");
        ObjectNode typed = config(server.url("/echo"));
        typed.put("method", "POST").put("body", "a=1&b=2").put("content_type", "application/x-www-form-urlencoded");

        JsonNode plainReceived = handler.handle(call(plain)).get("body");
        JsonNode typedReceived = handler.handle(call(typed)).get("body");

        assertThat(plainReceived.get("headers").get("content-type").asText()).isEqualTo("text/plain; charset=utf-8");
        assertThat(plainReceived.get("body").asText()).isEqualTo("line one");
        assertThat(typedReceived.get("headers").get("content-type").asText()).isEqualTo("application/x-www-form-urlencoded");
        assertThat(typedReceived.get("body").asText()).isEqualTo("a=1&b=2");
    }

    @Test
    void aJsonResponseIsParsedAndOtherResponsesAreKeptAsText() throws Exception {
        JsonNode json = handler.handle(call(config(server.url("/echo"))));
        JsonNode text = handler.handle(call(config(server.url("/text"))));

        assertThat(json.get("body").isObject()).isTrue();
        assertThat(text.get("body").isTextual()).isTrue();
        assertThat(text.get("body").asText()).isEqualTo("plain words");
    }

    @Test
    void aServerErrorIsRetriableAndNamesMethodUrlStatusAndBody() {
        HandlerException failure = failureOf(call(config(server.url("/status/500"))));

        assertThat(failure.isRetriable()).isTrue();
        assertThat(failure.getMessage())
                .isEqualTo("GET " + server.url("/status/500") + " returned status 500: body of status 500");
    }

    @Test
    void notFoundIsNotRetriableButTooManyRequestsAndRequestTimeoutAre() {
        assertThat(failureOf(call(config(server.url("/status/404")))).isRetriable()).isFalse();
        assertThat(failureOf(call(config(server.url("/status/400")))).isRetriable()).isFalse();
        assertThat(failureOf(call(config(server.url("/status/429")))).isRetriable()).isTrue();
        assertThat(failureOf(call(config(server.url("/status/408")))).isRetriable()).isTrue();
    }

    @Test
    void acceptStatusesTurnsChosenStatusesIntoResults() throws Exception {
        ObjectNode config = config(server.url("/status/404"));
        config.putArray("accept_statuses").add("2xx").add(404);
        ObjectNode range = config(server.url("/status/503"));
        range.putArray("accept_statuses").add("500-503");

        JsonNode notFound = handler.handle(call(config));
        JsonNode unavailable = handler.handle(call(range));

        assertThat(notFound.get("status").asInt()).isEqualTo(404);
        assertThat(notFound.get("body").asText()).isEqualTo("body of status 404");
        assertThat(unavailable.get("status").asInt()).isEqualTo(503);
    }

    @Test
    void aStatusOutsideAcceptStatusesFailsEvenWhenSuccessful() {
        ObjectNode config = config(server.url("/status/200"));
        config.putArray("accept_statuses").add(201);

        HandlerException failure = failureOf(call(config));

        assertThat(failure.isRetriable()).isTrue();
        assertThat(failure.getMessage()).contains("returned status 200");
    }

    @Test
    void anInvalidAcceptStatusIsAPermanentConfigError() {
        ObjectNode config = config(server.url("/echo"));
        config.putArray("accept_statuses").add("2xx").add("ok");

        HandlerException failure = failureOf(call(config));

        assertThat(failure.isRetriable()).isFalse();
        assertThat(failure.getMessage()).contains("config field 'accept_statuses[1]' must be a status");
    }

    @Test
    void redirectsAreFollowedUnlessDisabled() throws Exception {
        ObjectNode following = config(server.url("/redirect"));
        ObjectNode notFollowing = config(server.url("/redirect"));
        notFollowing.put("follow_redirects", false);
        ObjectNode acceptingRedirect = notFollowing.deepCopy();
        acceptingRedirect.putArray("accept_statuses").add("3xx");

        JsonNode followed = handler.handle(call(following));
        HandlerException notFollowed = failureOf(call(notFollowing));
        JsonNode redirect = handler.handle(call(acceptingRedirect));

        assertThat(followed.get("status").asInt()).isEqualTo(200);
        assertThat(followed.get("body").get("path").asText()).isEqualTo("/echo");
        assertThat(notFollowed.getMessage()).contains("returned status 302");
        assertThat(redirect.get("headers").get("location").asText()).isEqualTo("/echo");
    }

    @Test
    void aRestrictedHandlerRefusesAnInternalServerBeforeSendingAnything() throws Exception {
        HttpHandler restricted = new HttpHandler(HttpDestinations.of(List.of("*"), "; list it"));
        int before = server.requests();

        HandlerException refused = catchThrowableOfType(HandlerException.class,
                () -> restricted.handle(call(config(server.url("/echo")))));

        assertThat(refused.isRetriable()).isFalse();
        assertThat(refused.getMessage()).isEqualTo("GET " + server.url("/echo")
                + " is not an allowed destination: 127.0.0.1, a loopback address, which only a pattern naming it"
                + " allows; list it");
        assertThat(server.requests()).isEqualTo(before);
    }

    @Test
    void everyRedirectIsCheckedAgainstTheAllowedDestinations() throws Exception {
        HttpHandler restricted = new HttpHandler(HttpDestinations.of(List.of("localhost"), "; list it"));
        String allowed = "http://localhost:" + server.port() + "/echo";
        String viaLocalhost = "http://localhost:" + server.port() + "/redirect-to?";

        JsonNode followed = restricted.handle(call(config(viaLocalhost + allowed)));
        HandlerException refused = catchThrowableOfType(HandlerException.class,
                () -> restricted.handle(call(config(viaLocalhost + server.url("/echo")))));

        assertThat(followed.get("body").get("path").asText()).isEqualTo("/echo");
        assertThat(refused.getMessage()).startsWith("GET " + server.url("/echo") + " is not an allowed destination");
    }

    @Test
    void aRedirectToAnotherOriginDropsTheCredentials() throws Exception {
        ObjectNode config = config("http://user:pw@localhost:" + server.port() + "/redirect-to?" + server.url("/echo"));

        JsonNode followed = handler.handle(call(config));

        assertThat(followed.get("body").get("headers").has("authorization")).isFalse();
    }

    @Test
    void aServiceSlowerThanTimeoutSecondsFailsRetriably() {
        ObjectNode config = config(server.url("/hang"));
        config.put("timeout_seconds", 0.3);

        HandlerException failure = failureOf(call(config));

        assertThat(failure.isRetriable()).isTrue();
        assertThat(failure.getMessage()).isEqualTo("GET " + server.url("/hang") + " timed out after 0.3s (timeout_seconds)");
    }

    @Test
    void anInterruptAbortsTheCallClosesItsConnectionAndEndsTheAttemptAsInterrupted() throws Exception {
        try (SilentHttpServer silent = new SilentHttpServer()) {
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Thread caller = new Thread(() -> {
                try {
                    handler.handle(call(config(silent.url("/never-answers"))));
                    outcome.complete(null);
                } catch (Throwable failure) {
                    outcome.complete(failure);
                }
            }, "http-under-test");
            caller.start();
            assertThat(silent.requestArrived()).succeedsWithin(30, TimeUnit.SECONDS);

            caller.interrupt();

            assertThat(outcome).succeedsWithin(10, TimeUnit.SECONDS).isInstanceOf(InterruptedException.class);
            assertThat(silent.connectionClosed()).as("the connection, closed by the client")
                    .succeedsWithin(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aRefusedConnectionIsRetriable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        HandlerException failure = failureOf(call(config("http://127.0.0.1:" + closedPort + "/anything")));

        assertThat(failure.isRetriable()).isTrue();
        assertThat(failure.getMessage()).startsWith("GET http://127.0.0.1:" + closedPort + "/anything failed: could not connect");
    }

    @Test
    void credentialsInTheUrlAreSentAsBasicAuthAndNeverAppearInMessages() throws Exception {
        String withCredentials = "http://alice:s3cr%40t@127.0.0.1:" + server.port();

        JsonNode received = handler.handle(call(config(withCredentials + "/echo"))).get("body");
        HandlerException failure = failureOf(call(config(withCredentials + "/status/503?api_key=k3y")));

        String expected = Base64.getEncoder().encodeToString("alice:s3cr@t".getBytes(StandardCharsets.UTF_8));
        assertThat(received.get("headers").get("authorization").asText()).isEqualTo("Basic " + expected);
        assertThat(failure.getMessage())
                .isEqualTo("GET " + server.url("/status/503") + "?... returned status 503: body of status 503")
                .doesNotContain("alice").doesNotContain("s3cr").doesNotContain("k3y");
    }

    @Test
    void credentialsAreRedactedFromInvalidUrlMessages() {
        HandlerException failure = failureOf(call(config("http://bob:hunter2@exa mple.com/x")));

        assertThat(failure.isRetriable()).isFalse();
        assertThat(failure.getMessage()).contains("config field 'url' is not a valid URL").doesNotContain("hunter2");
    }

    @Test
    void aMissingOrNonHttpUrlIsAPermanentConfigError() {
        HandlerException missing = failureOf(call("{\"method\": \"GET\"}"));
        HandlerException ftp = failureOf(call("{\"url\": \"ftp://example.com/file\"}"));
        HandlerException relative = failureOf(call("{\"url\": \"/just/a/path\"}"));

        assertThat(missing.isRetriable()).isFalse();
        assertThat(missing.getMessage()).isEqualTo("http node 'node': config field 'url' is required");
        assertThat(ftp.getMessage()).contains("config field 'url' must be an absolute http:// or https:// URL");
        assertThat(relative.getMessage()).contains("config field 'url' must be an absolute http:// or https:// URL");
    }

    @Test
    void aHeaderTheClientRefusesIsAPermanentConfigError() {
        ObjectNode config = config(server.url("/echo"));
        config.putObject("headers").put("Host", "elsewhere");

        HandlerException failure = failureOf(call(config));

        assertThat(failure.isRetriable()).isFalse();
        assertThat(failure.getMessage()).contains("the request cannot be sent").contains("host");
    }

    @Test
    void aBodyLargerThanMaxResponseBytesFailsPermanently() throws Exception {
        ObjectNode limited = config(server.url("/large"));
        limited.put("max_response_bytes", 1000);
        ObjectNode roomy = config(server.url("/large"));
        roomy.put("max_response_bytes", 2000);

        HandlerException failure = failureOf(call(limited));
        JsonNode result = handler.handle(call(roomy));

        assertThat(failure.isRetriable()).isFalse();
        assertThat(failure.getMessage()).isEqualTo("GET " + server.url("/large")
                + " returned status 200 with a body larger than 1000 bytes; raise max_response_bytes to accept it");
        assertThat(result.get("body").asText()).hasSize(2000);
    }

    @Test
    void aBodyThatIsNotTheJsonItsContentTypeDeclaresFailsRetriably() {
        HandlerException failure = failureOf(call(config(server.url("/broken-json"))));

        assertThat(failure.isRetriable()).isTrue();
        assertThat(failure.getMessage()).contains("not valid JSON").contains("<html>oops</html>");
    }
}
