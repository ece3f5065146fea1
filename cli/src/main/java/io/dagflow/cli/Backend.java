package io.dagflow.cli;

import io.dagflow.redis.RedisBackend;
import io.dagflow.store.Stores;
import java.util.Optional;

/** The stores a command works on, and the Redis connection behind them when there is one. */
final class Backend implements AutoCloseable {

    private final Stores stores;
    private final RedisBackend redis;

    private Backend(Stores stores, RedisBackend redis) {
        this.stores = stores;
        this.redis = redis;
    }

    static Backend local(Stores stores) {
        return new Backend(stores, null);
    }

    static Backend redis(RedisBackend redis) {
        return new Backend(redis.stores(), redis);
    }

    Stores stores() {
        return stores;
    }

    Optional<RedisBackend> redis() {
        return Optional.ofNullable(redis);
    }

    @Override
    public void close() {
        if (redis != null) {
            redis.close();
        }
    }
}
