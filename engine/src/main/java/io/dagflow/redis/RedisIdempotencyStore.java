package io.dagflow.redis;

import io.dagflow.store.IdempotencyStore;
import java.time.Duration;
import java.util.Optional;
import redis.clients.jedis.params.SetParams;

/** Idempotency keys as plain strings at {@code {prefix}:idem:<key>}, expiring with their TTL. */
public final class RedisIdempotencyStore implements IdempotencyStore {

    private final RedisKeys keys;
    private final RedisExecutor redis;

    public RedisIdempotencyStore(RedisKeys keys, RedisExecutor redis) {
        this.keys = keys;
        this.redis = redis;
    }

    @Override
    public boolean putIfAbsent(String key, String value, Duration ttl) {
        SetParams params = expiring(ttl).nx();
        return "OK".equals(redis.call("set idempotency key " + key, jedis -> jedis.set(keys.idempotency(key), value,
                params)));
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        redis.run("set idempotency key " + key, jedis -> jedis.set(keys.idempotency(key), value, expiring(ttl)));
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(redis.call("read idempotency key " + key, jedis -> jedis.get(keys.idempotency(key))));
    }

    /** A null, zero or negative TTL keeps the key forever, as in the in-memory store. */
    private static SetParams expiring(Duration ttl) {
        SetParams params = SetParams.setParams();
        if (ttl != null && !ttl.isZero() && !ttl.isNegative()) {
            params.px(Math.max(1, ttl.toMillis()));
        }
        return params;
    }
}
