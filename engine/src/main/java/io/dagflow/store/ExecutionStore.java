package io.dagflow.store;

import java.util.List;
import java.util.Optional;

/** Execution metadata that survives the orchestrator and answers history queries. */
public interface ExecutionStore {

    /** Creates or replaces the record of {@code record.executionId()}. */
    void save(ExecutionRecord record);

    Optional<ExecutionRecord> find(String executionId);

    /** Matching executions, newest start first, paged by the query. */
    List<ExecutionRecord> query(ExecutionQuery query);
}
