package io.dagflow.store.memory;

import io.dagflow.store.ExecutionQuery;
import io.dagflow.store.ExecutionRecord;
import io.dagflow.store.ExecutionStore;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemoryExecutionStore implements ExecutionStore {

    private final Map<String, ExecutionRecord> records = new ConcurrentHashMap<>();

    @Override
    public void save(ExecutionRecord record) {
        records.put(record.executionId(), record);
    }

    @Override
    public Optional<ExecutionRecord> find(String executionId) {
        return Optional.ofNullable(records.get(executionId));
    }

    @Override
    public List<ExecutionRecord> query(ExecutionQuery query) {
        return records.values().stream()
                .filter(query::matches)
                .sorted(Comparator.comparingLong(ExecutionRecord::startedAt).reversed()
                        .thenComparing(ExecutionRecord::executionId))
                .skip(query.offset())
                .limit(query.limit())
                .toList();
    }
}
