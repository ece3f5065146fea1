package io.dagflow.bench;

import io.dagflow.store.Stores;
import io.dagflow.transport.InMemoryTransport;
import io.dagflow.transport.Transport;
import io.dagflow.worker.WorkerOptions;

/** The embedded mode: in-process queues and in-memory stores, as {@code EmbeddedEngine} uses. */
final class InMemoryBackend implements Backend {

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public Environment open() {
        InMemoryTransport transport = new InMemoryTransport();
        Stores stores = Stores.inMemory();
        return new Environment() {
            @Override
            public Transport transport() {
                return transport;
            }

            @Override
            public Stores stores() {
                return stores;
            }

            @Override
            public WorkerOptions workerOptions(String workerId, int threads) {
                return WorkerOptions.inMemory(workerId, threads);
            }

            @Override
            public void close() {
                transport.close();
            }
        };
    }
}
