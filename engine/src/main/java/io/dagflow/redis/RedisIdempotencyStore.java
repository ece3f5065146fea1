package io.dagflow.redis;

import io.dagflow.store.IdempotencyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
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

    /** One pipeline of {@code SET NX}; a second one reads the keys that were already set, if any. */
    @Override
    public Set<String> claim(List<String> keyList, String owner, Duration ttl) {
        if (keyList.isEmpty()) {
            return Set.of();
        }
        SetParams params = expiring(ttl).nx();
        return redis.call("claim " + keyList.size() + " idempotency key(s)", jedis -> {
            Set<String> owned = new HashSet<>();
            List<String> taken = new ArrayList<>();
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                List<Response<String>> responses = new ArrayList<>(keyList.size());
                for (String key : keyList) {
                    responses.add(pipeline.set(keys.idempotency(key), owner, params));
                }
                pipeline.sync();
                for (int i = 0; i < keyList.size(); i++) {
                    if ("OK".equals(responses.get(i).get())) {
                        owned.add(keyList.get(i));
                    } else {
                        taken.add(keyList.get(i));
                    }
                }
            }
            if (!taken.isEmpty()) {
                try (AbstractPipeline pipeline = jedis.pipelined()) {
                    List<Response<String>> holders = new ArrayList<>(taken.size());
                    for (String key : taken) {
                        holders.add(pipeline.get(keys.idempotency(key)));
                    }
                    pipeline.sync();
                    for (int i = 0; i < taken.size(); i++) {
                        if (owner.equals(holders.get(i).get())) {
                            owned.add(taken.get(i));
                        }
                    }
                }
            }
            return owned;
        });
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
