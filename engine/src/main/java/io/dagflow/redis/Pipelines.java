package io.dagflow.redis;

import java.util.List;
import redis.clients.jedis.Response;

/** Helpers for pipelines, whose errors stay hidden in their responses until read. */
final class Pipelines {

    private Pipelines() {
    }

    /** Reads every response after {@code sync()} so that the first command error is thrown. */
    static void check(List<? extends Response<?>> responses) {
        for (Response<?> response : responses) {
            response.get();
        }
    }
}
