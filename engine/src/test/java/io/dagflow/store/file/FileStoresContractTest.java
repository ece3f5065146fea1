package io.dagflow.store.file;

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
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The file stores against the shared store contracts, each test in a directory of its own. */
class FileStoresContractTest {

    @TempDir
    Path directory;

    private Stores freshStores() {
        return FileStores.open(directory);
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
