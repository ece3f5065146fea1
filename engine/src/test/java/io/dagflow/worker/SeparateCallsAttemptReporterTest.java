package io.dagflow.worker;

import io.dagflow.store.Stores;
import io.dagflow.transport.InMemoryTransport;

class SeparateCallsAttemptReporterTest extends AttemptReporterContract {

    @Override
    protected void connect() {
        transport = new InMemoryTransport();
        stores = Stores.inMemory();
        reporter = AttemptReporter.separateCalls(transport, stores.results(), stores.idempotency());
    }
}
