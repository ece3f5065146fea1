package io.dagflow.handler.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dagflow.json.Json;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Optional;

/**
 * A response body read according to its {@code Content-Type}: JSON media types
 * ({@code application/json}, {@code text/json}, {@code application/*+json}) are parsed, everything
 * else is text in the declared charset (UTF-8 when none is declared).
 */
final class HttpResponseBody {

    private static final int EXCERPT_CHARS = 200;

    private final byte[] bytes;
    private final String mediaType;
    private final Charset charset;

    HttpResponseBody(byte[] bytes, Optional<String> contentType) {
        this.bytes = bytes;
        String type = contentType.orElse("");
        int semicolon = type.indexOf(';');
        this.mediaType = (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        this.charset = charsetOf(semicolon < 0 ? "" : type.substring(semicolon + 1));
    }

    boolean isJson() {
        return mediaType.equals("application/json") || mediaType.equals("text/json")
                || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
    }

    String text() {
        return new String(bytes, charset);
    }

    /** The body as a result value: parsed JSON (null when empty) or text. */
    JsonNode value() throws IOException {
        if (!isJson()) {
            return TextNode.valueOf(text());
        }
        if (text().isBlank()) {
            return NullNode.getInstance();
        }
        return Json.mapper().readTree(text());
    }

    /** The start of the body on one line, for failure messages. */
    String excerpt() {
        String text = text().replaceAll("\\s+", " ").trim();
        if (text.isEmpty()) {
            return "(empty body)";
        }
        return text.length() <= EXCERPT_CHARS ? text : text.substring(0, EXCERPT_CHARS) + "...";
    }

    private static Charset charsetOf(String parameters) {
        for (String parameter : parameters.split(";")) {
            int equals = parameter.indexOf('=');
            if (equals > 0 && parameter.substring(0, equals).trim().equalsIgnoreCase("charset")) {
                String name = parameter.substring(equals + 1).trim().replace("\"", "");
                try {
                    return Charset.forName(name);
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }
}
