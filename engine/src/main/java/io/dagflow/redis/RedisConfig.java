package io.dagflow.redis;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Where and how to reach the Redis server that backs transport and stores.
 *
 * <p>The password never appears in {@link #toString()}, in {@link #redactedUrl()} or in any error
 * this class raises, because configurations end up in logs and error reports.
 *
 * @param tls true for {@code rediss://}
 * @param username the ACL user, or null for the {@code default} user
 * @param password the password, or null when the server requires none
 * @param keyPrefix the first segment of every key this project writes (see docs/protocol.md)
 * @param socketTimeout how long a non-blocking command may take; blocking reads wait as long as
 *     their caller asked instead
 * @param poolSize connections kept for commands; blocking reads get a pool of the same size of
 *     their own so that waiting receivers never starve acknowledgements
 */
public record RedisConfig(
        String host,
        int port,
        boolean tls,
        String username,
        String password,
        int database,
        String keyPrefix,
        Duration connectTimeout,
        Duration socketTimeout,
        int poolSize) {

    public static final int DEFAULT_PORT = 6379;
    public static final String DEFAULT_KEY_PREFIX = "dagflow";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_POOL_SIZE = 16;

    public RedisConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("Redis host is missing");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Redis port " + port + " is outside 1..65535");
        }
        if (database < 0) {
            throw new IllegalArgumentException("Redis database " + database + " is negative");
        }
        if (keyPrefix == null || keyPrefix.isBlank() || keyPrefix.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("Redis key prefix '" + keyPrefix + "' must be non-empty without spaces");
        }
        if (username != null && username.isEmpty()) {
            username = null;
        }
        if (password != null && password.isEmpty()) {
            password = null;
        }
        requirePositive("connect timeout", connectTimeout);
        requirePositive("socket timeout", socketTimeout);
        if (poolSize < 1) {
            throw new IllegalArgumentException("Redis pool size " + poolSize + " must be at least 1");
        }
    }

    /** A server on {@code host:port} without credentials, with every other setting at its default. */
    public static RedisConfig of(String host, int port) {
        return new RedisConfig(host, port, false, null, null, 0, DEFAULT_KEY_PREFIX, DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_SOCKET_TIMEOUT, DEFAULT_POOL_SIZE);
    }

    /**
     * Reads {@code redis://[user[:password]@]host[:port][/database]}, or {@code rediss://} for TLS.
     * User and password may be percent-encoded; a URL with only a password ({@code redis://:pw@host})
     * authenticates the {@code default} user.
     *
     * @throws IllegalArgumentException naming what is wrong, with the password masked
     */
    public static RedisConfig parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("Redis URL is empty");
        }
        String trimmed = url.trim();
        String shown = redact(trimmed);
        int schemeEnd = trimmed.indexOf("://");
        int lastAt = trimmed.lastIndexOf('@');
        if (schemeEnd >= 0 && lastAt > schemeEnd) {
            String userInfo = trimmed.substring(schemeEnd + 3, lastAt);
            if (userInfo.chars().anyMatch(c -> "/?#[]".indexOf(c) >= 0)) {
                throw new IllegalArgumentException("Redis URL " + shown
                        + " has a '/', '?', '#', '[' or ']' in its user or password: percent-encode them");
            }
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Redis URL " + shown + " is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme();
        boolean tls;
        if ("redis".equalsIgnoreCase(scheme)) {
            tls = false;
        } else if ("rediss".equalsIgnoreCase(scheme)) {
            tls = true;
        } else {
            throw new IllegalArgumentException(
                    "Redis URL " + shown + " must start with redis:// or rediss:// (TLS)");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(
                    "Redis URL " + shown + " has a query or fragment; only redis://user:password@host:port/db is read");
        }
        String authority = uri.getRawAuthority();
        if (authority == null || authority.isEmpty()) {
            throw new IllegalArgumentException("Redis URL " + shown + " names no host");
        }
        String username = null;
        String password = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            int colon = userInfo.indexOf(':');
            if (colon < 0) {
                username = decode(userInfo);
            } else {
                username = decode(userInfo.substring(0, colon));
                password = decode(userInfo.substring(colon + 1));
            }
        }
        String hostPort = authority.substring(at + 1);
        String host;
        String portText = null;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("Redis URL " + shown + " has an unclosed [ in its IPv6 host");
            }
            host = hostPort.substring(1, close);
            if (close + 1 < hostPort.length()) {
                if (hostPort.charAt(close + 1) != ':') {
                    throw new IllegalArgumentException("Redis URL " + shown + " has text after its IPv6 host");
                }
                portText = hostPort.substring(close + 2);
            }
        } else {
            int colon = hostPort.lastIndexOf(':');
            host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            portText = colon < 0 ? null : hostPort.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("Redis URL " + shown + " names no host");
        }
        int port = DEFAULT_PORT;
        if (portText != null) {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Redis URL " + shown + " has port '" + portText
                        + "'; it must be a number");
            }
        }
        int database = 0;
        String path = uri.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            String db = path.substring(1);
            try {
                database = Integer.parseInt(db);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "Redis URL " + shown + " has database '" + db + "'; it must be a number such as /0");
            }
        }
        return new RedisConfig(host, port, tls, username, password, database, DEFAULT_KEY_PREFIX,
                DEFAULT_CONNECT_TIMEOUT, DEFAULT_SOCKET_TIMEOUT, DEFAULT_POOL_SIZE);
    }

    public RedisConfig withCredentials(String newUsername, String newPassword) {
        return new RedisConfig(host, port, tls, newUsername, newPassword, database, keyPrefix, connectTimeout,
                socketTimeout, poolSize);
    }

    public RedisConfig withPassword(String newPassword) {
        return withCredentials(username, newPassword);
    }

    public RedisConfig withDatabase(int newDatabase) {
        return new RedisConfig(host, port, tls, username, password, newDatabase, keyPrefix, connectTimeout,
                socketTimeout, poolSize);
    }

    public RedisConfig withKeyPrefix(String newKeyPrefix) {
        return new RedisConfig(host, port, tls, username, password, database, newKeyPrefix, connectTimeout,
                socketTimeout, poolSize);
    }

    public RedisConfig withTimeouts(Duration newConnectTimeout, Duration newSocketTimeout) {
        return new RedisConfig(host, port, tls, username, password, database, keyPrefix, newConnectTimeout,
                newSocketTimeout, poolSize);
    }

    public RedisConfig withPoolSize(int newPoolSize) {
        return new RedisConfig(host, port, tls, username, password, database, keyPrefix, connectTimeout,
                socketTimeout, newPoolSize);
    }

    public RedisConfig withTls(boolean newTls) {
        return new RedisConfig(host, port, newTls, username, password, database, keyPrefix, connectTimeout,
                socketTimeout, poolSize);
    }

    /** {@code host:port}, as error messages name the server. */
    public String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** The user the server sees: the configured one or Redis's {@code default}. */
    public String effectiveUsername() {
        return username == null ? "default" : username;
    }

    /** The URL of this configuration with the password replaced by {@code ***}. */
    public String redactedUrl() {
        StringBuilder url = new StringBuilder(tls ? "rediss://" : "redis://");
        if (username != null || password != null) {
            if (username != null) {
                url.append(username);
            }
            if (password != null) {
                url.append(":***");
            }
            url.append('@');
        }
        return url.append(address()).append('/').append(database).toString();
    }

    @Override
    public String toString() {
        return "RedisConfig[" + redactedUrl() + ", keyPrefix=" + keyPrefix + ", connectTimeout=" + connectTimeout
                + ", socketTimeout=" + socketTimeout + ", poolSize=" + poolSize + "]";
    }

    /** Masks the password of a URL that may not even parse, so that it can be shown in an error. */
    static String redact(String url) {
        int schemeEnd = url.indexOf("://");
        int at = url.lastIndexOf('@');
        if (schemeEnd < 0 || at < schemeEnd) {
            return url;
        }
        String userInfo = url.substring(schemeEnd + 3, at);
        int colon = userInfo.indexOf(':');
        if (colon < 0) {
            return url;
        }
        return url.substring(0, schemeEnd + 3) + userInfo.substring(0, colon) + ":***" + url.substring(at);
    }

    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("Redis " + name + " must be positive, got " + value);
        }
    }
}
