package io.dagflow.store.memory;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.store.ResultStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemoryResultStore implements ResultStore {

    private record Key(String executionId, String nodeId, int attempt) {
    }

    private final Map<Key, JsonNode> results = new ConcurrentHashMap<>();

    @Override
    public void put(String executionId, String nodeId, int attempt, JsonNode result) {
        results.put(new Key(executionId, nodeId, attempt), result);
    }

    @Override
    public Optional<JsonNode> get(String executionId, String nodeId, int attempt) {
        return Optional.ofNullable(results.get(new Key(executionId, nodeId, attempt)));
    }
}
