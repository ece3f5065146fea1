package io.dagflow.store.memory;

import io.dagflow.event.EventStore;
import io.dagflow.store.DefinitionStore;
import io.dagflow.store.ExecutionStore;
import io.dagflow.store.IdempotencyStore;
import io.dagflow.store.ResultStore;
import io.dagflow.store.contract.DefinitionStoreContract;
import io.dagflow.store.contract.EventStoreContract;
import io.dagflow.store.contract.ExecutionStoreContract;
import io.dagflow.store.contract.IdempotencyStoreContract;
import io.dagflow.store.contract.ResultStoreContract;
import org.junit.jupiter.api.Nested;

/** The in-memory stores against the shared store contracts. */
class InMemoryStoresContractTest {

    @Nested
    class Events extends EventStoreContract {
        @Override
        protected EventStore newStore() {
            return new InMemoryEventStore();
        }
    }

    @Nested
    class Executions extends ExecutionStoreContract {
        @Override
        protected ExecutionStore newStore() {
            return new InMemoryExecutionStore();
        }
    }

    @Nested
    class Results extends ResultStoreContract {
        @Override
        protected ResultStore newStore() {
            return new InMemoryResultStore();
        }
    }

    @Nested
    class Idempotency extends IdempotencyStoreContract {
        @Override
        protected IdempotencyStore newStore() {
            return new InMemoryIdempotencyStore();
        }
    }

    @Nested
    class Definitions extends DefinitionStoreContract {
        @Override
        protected DefinitionStore newStore() {
            return new InMemoryDefinitionStore();
        }
    }
}
