package io.dagflow.redis;

import java.util.function.Function;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Runs calls on one pooled client and turns Jedis failures into {@link RedisBackendException}s
 * that name the server and the operation.
 *
 * <p>After a server restart every pooled connection is dead, and the pool only learns it one
 * connection at a time. So when a call fails on a broken connection, the idle connections are
 * dropped and the call is tried once more on a fresh one: clients reconnect on the next call
 * instead of failing once per pooled connection. A retried call may have reached the server the
 * first time; callers only retry what at-least-once delivery or idempotent writes tolerate.
 */
public final class RedisExecutor implements AutoCloseable {

    private final RedisConfig config;
    private final RedisClient client;
    private volatile boolean closed;

    public RedisExecutor(RedisConfig config, RedisClient client) {
        this.config = config;
        this.client = client;
    }

    public RedisConfig config() {
        return config;
    }

    /**
     * @param operation what the call does, for error messages ("append events of execution 42")
     */
    public <T> T call(String operation, Function<UnifiedJedis, T> call) {
        if (closed) {
            throw new IllegalStateException("The connection to Redis at " + config.address() + " is closed; cannot "
                    + operation);
        }
        try {
            return call.apply(client);
        } catch (JedisConnectionException first) {
            if (closed) {
                throw new IllegalStateException("The connection to Redis at " + config.address()
                        + " was closed while trying to " + operation);
            }
            if (accessDenied(first) != null) {
                throw translate(operation, first);
            }
            client.getPool().clear();
            try {
                return call.apply(client);
            } catch (JedisException second) {
                throw translate(operation, second);
            }
        } catch (JedisException e) {
            throw translate(operation, e);
        }
    }

    public void run(String operation, java.util.function.Consumer<UnifiedJedis> call) {
        call(operation, jedis -> {
            call.accept(jedis);
            return null;
        });
    }

    /** Checks that the server answers and accepts the credentials, with a clear error if not. */
    public void verify() {
        call("check the connection", UnifiedJedis::ping);
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        client.close();
    }

    RedisBackendException translate(String operation, JedisException e) {
        JedisException denied = accessDenied(e);
        if (denied != null) {
            String reply = String.valueOf(denied.getMessage());
            if (reply.startsWith("NOPERM")) {
                return new RedisBackendException("Redis at " + config.address() + " does not allow user '"
                        + config.effectiveUsername() + "' to " + operation + ": " + scrub(reply));
            }
            return new RedisBackendException("Redis at " + config.address() + " refused the credentials for user '"
                    + config.effectiveUsername() + "'" + (config.password() == null ? " (no password was given)" : "")
                    + ": check the user name and password");
        }
        if (e instanceof JedisDataException && String.valueOf(e.getMessage()).contains("without any password")) {
            return new RedisBackendException("Redis at " + config.address()
                    + " has no password set for user 'default', but a password was given: remove it from the URL");
        }
        if (e instanceof JedisConnectionException) {
            return new RedisBackendException("Cannot reach Redis at " + config.address() + " to " + operation + ": "
                    + scrub(rootMessage(e)), e);
        }
        return new RedisBackendException("Redis at " + config.address() + " failed to " + operation + ": "
                + scrub(String.valueOf(e.getMessage())), e);
    }

    private static JedisException accessDenied(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JedisAccessControlException denied) {
                return denied;
            }
            String message = String.valueOf(t.getMessage());
            if (t instanceof JedisDataException data
                    && (message.startsWith("WRONGPASS") || message.startsWith("NOAUTH")
                    || message.contains("invalid password"))) {
                return data;
            }
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == e ? message : e.getMessage() + " (" + message + ")";
    }

    private String scrub(String message) {
        String password = config.password();
        return password == null ? message : message.replace(password, "***");
    }
}
