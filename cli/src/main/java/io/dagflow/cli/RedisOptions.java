package io.dagflow.cli;

import io.dagflow.redis.RedisBackend;
import io.dagflow.redis.RedisBackendException;
import io.dagflow.redis.RedisConfig;
import io.dagflow.redis.RedisTransport;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code --redis URL} and the settings of the Redis backend. The password may come from the
 * environment instead of the URL, so that it appears neither on command lines nor in process
 * lists; it is never printed.
 */
final class RedisOptions {

    static final String PASSWORD_VARIABLE = "DAGFLOW_REDIS_PASSWORD";

    @Option(names = "--redis", paramLabel = "URL",
            description = "Redis to run on or read from: redis://[user[:password]@]host[:port][/db], rediss:// for TLS."
                    + " Without a password in the URL, $" + PASSWORD_VARIABLE + " is used when set.")
    String url;

    @Option(names = "--key-prefix", paramLabel = "PREFIX", defaultValue = RedisConfig.DEFAULT_KEY_PREFIX,
            description = "First segment of every Redis key (default: ${DEFAULT-VALUE}); separates installations on one server.")
    String keyPrefix;

    @Option(names = "--visibility-timeout", paramLabel = "DURATION", defaultValue = "30s",
            converter = DurationConverter.class,
            description = "How long a task of a worker that died waits before another worker takes it over"
                    + " (default: ${DEFAULT-VALUE}). Running tasks are renewed, so tasks may take longer.")
    Duration visibilityTimeout;

    boolean given() {
        return url != null;
    }

    RedisConfig config() {
        RedisConfig config;
        try {
            config = RedisConfig.parse(url);
        } catch (IllegalArgumentException e) {
            throw new UserError("--redis: " + e.getMessage());
        }
        String password = System.getenv(PASSWORD_VARIABLE);
        if (config.password() == null && password != null && !password.isEmpty()) {
            config = config.withPassword(password);
        }
        try {
            return config.withKeyPrefix(keyPrefix);
        } catch (IllegalArgumentException e) {
            throw new UserError("--key-prefix: " + e.getMessage());
        }
    }

    RedisTransport.Settings settings() {
        if (visibilityTimeout.toMillis() < 1) {
            throw new UserError("--visibility-timeout must be positive, got " + visibilityTimeout);
        }
        // Look for abandoned tasks often enough that one waits little longer than the timeout itself.
        long claimMillis = Math.max(50, Math.min(5000, visibilityTimeout.toMillis() / 4));
        return RedisTransport.Settings.DEFAULT.withVisibilityTimeout(visibilityTimeout)
                .withClaimInterval(Duration.ofMillis(claimMillis));
    }

    /** Connects and checks the credentials; a bad URL or a refused connection is a usage error (exit 2). */
    RedisBackend connect() {
        RedisConfig config = config();
        try {
            return RedisBackend.connect(config, settings());
        } catch (RedisBackendException e) {
            throw new UserError(e.getMessage());
        }
    }
}
