package io.dagflow.redis;

import io.dagflow.event.EventStore;
import io.dagflow.store.DefinitionStore;
import io.dagflow.store.ExecutionStore;
import io.dagflow.store.IdempotencyStore;
import io.dagflow.store.ResultStore;
import io.dagflow.store.Stores;
import io.dagflow.store.contract.DefinitionStoreContract;
import io.dagflow.store.contract.EventStoreContract;
import io.dagflow.store.contract.ExecutionStoreContract;
import io.dagflow.store.contract.IdempotencyStoreContract;
import io.dagflow.store.contract.ResultStoreContract;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/** The Redis stores against the shared store contracts, each test under a key prefix of its own. */
class RedisStoresContractTest {

    private final List<RedisBackend> backends = new ArrayList<>();

    private Stores freshStores() {
        RedisBackend backend = RedisBackend.connect(
                RedisServerProcess.shared().config("test-" + UUID.randomUUID().toString().substring(0, 8)));
        backends.add(backend);
        return backend.stores();
    }

    @AfterEach
    void closeBackends() {
        backends.forEach(RedisBackend::close);
        backends.clear();
    }

    @Nested
    class Events extends EventStoreContract {
        @Override
        protected EventStore newStore() {
            return freshStores().events();
        }
    }

    @Nested
    class Executions extends ExecutionStoreContract {
        @Override
        protected ExecutionStore newStore() {
            return freshStores().executions();
        }
    }

    @Nested
    class Results extends ResultStoreContract {
        @Override
        protected ResultStore newStore() {
            return freshStores().results();
        }
    }

    @Nested
    class Idempotency extends IdempotencyStoreContract {
        @Override
        protected IdempotencyStore newStore() {
            return freshStores().idempotency();
        }
    }

    @Nested
    class Definitions extends DefinitionStoreContract {
        @Override
        protected DefinitionStore newStore() {
            return freshStores().definitions();
        }
    }
}
