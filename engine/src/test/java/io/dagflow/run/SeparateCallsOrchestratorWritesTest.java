package io.dagflow.run;

import io.dagflow.store.Stores;
import io.dagflow.transport.Delivery;
import io.dagflow.transport.InMemoryTransport;
import io.dagflow.transport.ResultMessage;
import java.util.List;

class SeparateCallsOrchestratorWritesTest extends OrchestratorWritesContract {

    @Override
    protected void connect() {
        transport = new InMemoryTransport();
        stores = Stores.inMemory();
        writes = OrchestratorWrites.separateCalls(transport, stores);
    }

    @Override
    protected List<Delivery<ResultMessage>> unacknowledgedResults(String orchestrator) throws InterruptedException {
        return transport.receiveResults(orchestrator, 100, BRIEFLY);
    }
}
