package io.dagflow.store;

import io.dagflow.event.EventStore;
import io.dagflow.store.memory.InMemoryDefinitionStore;
import io.dagflow.store.memory.InMemoryEventStore;
import io.dagflow.store.memory.InMemoryExecutionStore;
import io.dagflow.store.memory.InMemoryIdempotencyStore;
import io.dagflow.store.memory.InMemoryResultStore;

/** The stores an engine and its workers share. */
public record Stores(
        DefinitionStore definitions,
        ExecutionStore executions,
        ResultStore results,
        IdempotencyStore idempotency,
        EventStore events) {

    /** The embedded default: everything in this process's memory. */
    public static Stores inMemory() {
        return new Stores(new InMemoryDefinitionStore(), new InMemoryExecutionStore(), new InMemoryResultStore(),
                new InMemoryIdempotencyStore(), new InMemoryEventStore());
    }
}
