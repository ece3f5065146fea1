package io.dagflow.redis;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.json.Json;
import io.dagflow.store.ResultStore;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Results of one execution in one hash, {@code {prefix}:exec:{executionId}:results}, whose field
 * {@code <attempt>:<nodeId>} holds the result as JSON. The attempt comes first because it cannot
 * contain a colon, so node ids may.
 */
public final class RedisResultStore implements ResultStore {

    private final RedisKeys keys;
    private final RedisExecutor redis;

    public RedisResultStore(RedisKeys keys, RedisExecutor redis) {
        this.keys = keys;
        this.redis = redis;
    }

    public static String field(String nodeId, int attempt) {
        return attempt + ":" + nodeId;
    }

    @Override
    public void put(String executionId, String nodeId, int attempt, JsonNode result) {
        String json = Json.write(result);
        redis.run("store the result of node " + nodeId + " in execution " + executionId,
                jedis -> jedis.hset(keys.results(executionId), field(nodeId, attempt), json));
    }

    @Override
    public Optional<JsonNode> get(String executionId, String nodeId, int attempt) {
        String json = redis.call("read the result of node " + nodeId + " in execution " + executionId,
                jedis -> jedis.hget(keys.results(executionId), field(nodeId, attempt)));
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.tree(json));
        } catch (UncheckedIOException e) {
            throw new IllegalStateException("The result of node " + nodeId + " attempt " + attempt + " in execution "
                    + executionId + " is not valid JSON: " + e.getCause().getMessage(), e);
        }
    }
}
