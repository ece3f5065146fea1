package io.dagflow.redis;

import java.time.Duration;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;

/** Builds the pooled Jedis clients of a {@link RedisConfig}. */
public final class RedisClients {

    /** How long a caller waits for a free pooled connection before it is told the pool is exhausted. */
    static final Duration POOL_WAIT = Duration.ofSeconds(10);

    private RedisClients() {
    }

    /** A pool for ordinary commands and pipelines. */
    public static RedisClient commands(RedisConfig config) {
        return build(config, "dagflow");
    }

    /**
     * A pool for blocking reads (XREADGROUP BLOCK). Jedis lifts the socket timeout while a
     * blocking command waits, so each waiting receiver holds one of these connections.
     */
    public static RedisClient blocking(RedisConfig config) {
        return build(config, "dagflow-blocking");
    }

    static JedisClientConfig clientConfig(RedisConfig config, String clientName) {
        DefaultJedisClientConfig.Builder builder = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(millis(config.connectTimeout()))
                .socketTimeoutMillis(millis(config.socketTimeout()))
                .database(config.database())
                .clientName(clientName)
                .ssl(config.tls())
                // CLIENT SETINFO needs Redis 7.2; skipping it saves a round trip per new connection.
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED);
        if (config.username() != null) {
            builder.user(config.username());
        }
        if (config.password() != null) {
            builder.password(config.password());
        }
        return builder.build();
    }

    private static RedisClient build(RedisConfig config, String clientName) {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(config.poolSize());
        pool.setMaxIdle(config.poolSize());
        pool.setMinIdle(0);
        pool.setMaxWait(POOL_WAIT);
        pool.setTestOnBorrow(false);
        pool.setJmxEnabled(false);
        return RedisClient.builder()
                .hostAndPort(config.host(), config.port())
                .clientConfig(clientConfig(config, clientName))
                .poolConfig(pool)
                .build();
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }
}
