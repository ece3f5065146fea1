package io.dagflow.redis;

import io.dagflow.store.Stores;

/** The five stores on one Redis connection pool. */
public final class RedisStores {

    private RedisStores() {
    }

    public static Stores create(RedisKeys keys, RedisExecutor redis) {
        return new Stores(new RedisDefinitionStore(keys, redis), new RedisExecutionStore(keys, redis),
                new RedisResultStore(keys, redis), new RedisIdempotencyStore(keys, redis),
                new RedisEventStore(keys, redis));
    }
}
