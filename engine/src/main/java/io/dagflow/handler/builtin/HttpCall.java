package io.dagflow.handler.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dagflow.handler.HandlerException;
import io.dagflow.json.Json;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One http node's request, read and checked from its config. Credentials written in the URL
 * ({@code https://user:password@host/...}) are sent as a Basic {@code Authorization} header and
 * never kept in the URL, so they cannot leak into messages.
 */
record HttpCall(
        String method,
        URI uri,
        Map<String, List<String>> headers,
        byte[] body,
        Duration timeout,
        AcceptedStatuses acceptedStatuses,
        boolean followRedirects,
        int maxResponseBytes) {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    static final int DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

    private static final Pattern METHOD = Pattern.compile("[A-Z][A-Z0-9_-]*");
    private static final String CONTENT_TYPE = "content-type";
    private static final String AUTHORIZATION = "authorization";

    HttpCall {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** How the request reads in messages: method and URL without credentials or query. */
    String description() {
        return method + " " + SafeUrl.of(uri);
    }

    /**
     * The request a redirect asks for, as the JDK client would make it: 303, and 301 or 302 after a
     * POST, become a GET without a body. Credentials are not sent to another origin.
     */
    HttpCall redirectedTo(URI next, int status) {
        boolean toGet = status == 303 && !method.equals("HEAD")
                || (status == 301 || status == 302) && method.equals("POST");
        Map<String, List<String>> nextHeaders = new LinkedHashMap<>(headers);
        if (!sameOrigin(uri, next)) {
            nextHeaders.remove(AUTHORIZATION);
        }
        if (toGet) {
            nextHeaders.remove(CONTENT_TYPE);
        }
        return new HttpCall(toGet ? "GET" : method, next, nextHeaders, toGet ? null : body, timeout,
                acceptedStatuses, followRedirects, maxResponseBytes);
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    HttpRequest toRequest() {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, values) -> values.forEach(value -> builder.header(name, value)));
        return builder.build();
    }

    static HttpCall from(NodeConfig config) throws HandlerException {
        String method = method(config);
        URI written = uri(config);
        Map<String, List<String>> headers = headers(config);
        userInfoAuthorization(written).ifPresent(value -> headers.putIfAbsent(AUTHORIZATION, List.of(value)));
        URI uri = withQuery(stripped(written), config);
        byte[] body = null;
        Optional<JsonNode> bodyValue = config.value("body");
        Optional<String> contentType = config.optionalText("content_type");
        if (bodyValue.isPresent()) {
            JsonNode value = bodyValue.get();
            String text = value.isTextual() ? value.textValue() : Json.write(value);
            body = text.getBytes(StandardCharsets.UTF_8);
            if (contentType.isEmpty() && !headers.containsKey(CONTENT_TYPE)) {
                contentType = Optional.of(value.isTextual() ? "text/plain; charset=utf-8" : "application/json");
            }
        }
        contentType.ifPresent(type -> headers.put(CONTENT_TYPE, List.of(type)));
        Duration timeout = config.optionalSeconds("timeout_seconds").orElse(DEFAULT_TIMEOUT);
        if (timeout.isZero()) {
            throw config.invalidField("timeout_seconds", "must be greater than 0");
        }
        HttpCall call = new HttpCall(method, uri, headers, body, timeout,
                AcceptedStatuses.from(config, "accept_statuses"),
                config.optionalBoolean("follow_redirects", true),
                config.optionalPositiveInt("max_response_bytes").orElse(DEFAULT_MAX_RESPONSE_BYTES));
        call.checkBuildable(config);
        return call;
    }

    /** The HTTP client refuses some headers (Host, Connection, ...) and malformed values. */
    private void checkBuildable(NodeConfig config) throws HandlerException {
        try {
            toRequest();
        } catch (IllegalArgumentException e) {
            throw config.invalid("the request cannot be sent: " + SafeUrl.redact(e.getMessage()));
        }
    }

    private static String method(NodeConfig config) throws HandlerException {
        String method = config.optionalText("method").orElse("GET").trim().toUpperCase(Locale.ROOT);
        if (!METHOD.matcher(method).matches()) {
            throw config.invalidField("method", "is not an HTTP method: \"" + method + "\"");
        }
        return method;
    }

    private static URI uri(NodeConfig config) throws HandlerException {
        String url = config.requiredText("url").trim();
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw config.invalidField("url", "is not a valid URL (" + e.getReason() + " at index " + e.getIndex()
                    + "): " + SafeUrl.redact(url));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw config.invalidField("url", "must be an absolute http:// or https:// URL: " + SafeUrl.redact(url));
        }
        if (uri.getHost() == null) {
            throw config.invalidField("url", "has no host: " + SafeUrl.redact(url));
        }
        return uri;
    }

    private static Optional<String> userInfoAuthorization(URI uri) {
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null || userInfo.isEmpty()) {
            return Optional.empty();
        }
        int colon = userInfo.indexOf(':');
        String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
        String password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return Optional.of("Basic " + token);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The URL without user-info and fragment, which are not sent to the server. */
    private static URI stripped(URI uri) {
        StringBuilder text = new StringBuilder(uri.getScheme()).append("://").append(SafeUrl.hostAndPort(uri));
        text.append(uri.getRawPath() == null ? "" : uri.getRawPath());
        if (uri.getRawQuery() != null) {
            text.append('?').append(uri.getRawQuery());
        }
        return URI.create(text.toString());
    }

    private static URI withQuery(URI uri, NodeConfig config) throws HandlerException {
        Optional<ObjectNode> query = config.optionalObject("query");
        if (query.isEmpty() || query.get().isEmpty()) {
            return uri;
        }
        List<String> pairs = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : query.get().properties()) {
            String where = "query." + field.getKey();
            for (String value : values(field.getValue(), config, where)) {
                pairs.add(encode(field.getKey()) + "=" + encode(value));
            }
        }
        String text = uri.toString();
        String separator = uri.getRawQuery() == null ? "?" : (text.endsWith("?") || text.endsWith("&") ? "" : "&");
        return URI.create(text + separator + String.join("&", pairs));
    }

    private static Map<String, List<String>> headers(NodeConfig config) throws HandlerException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        Optional<ObjectNode> written = config.optionalObject("headers");
        if (written.isEmpty()) {
            return headers;
        }
        for (Map.Entry<String, JsonNode> field : written.get().properties()) {
            String name = field.getKey().trim().toLowerCase(Locale.ROOT);
            headers.computeIfAbsent(name, key -> new ArrayList<>())
                    .addAll(values(field.getValue(), config, "headers." + field.getKey()));
        }
        return headers;
    }

    /** A scalar is one value, a list of scalars several (a repeated header or query parameter). */
    private static List<String> values(JsonNode value, NodeConfig config, String where) throws HandlerException {
        List<String> values = new ArrayList<>();
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                values.add(config.scalarText(value.get(i), where + "[" + i + "]"));
            }
        } else {
            values.add(config.scalarText(value, where));
        }
        return values;
    }

    private static String encode(String text) {
        // URLEncoder writes form encoding; a space as %20 is understood by every server.
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
