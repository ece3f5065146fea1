package io.dagflow.bench;

import io.dagflow.store.Stores;
import io.dagflow.transport.Transport;
import io.dagflow.worker.WorkerOptions;

/**
 * Where tasks, results and state live during a benchmark run: any {@link Transport} with its
 * {@link Stores}. Each measured run opens a fresh one, so runs do not inherit each other's data.
 */
interface Backend {

    /** The name used on the command line ({@code --transport}). */
    String name();

    Environment open();

    /** One run's transport and stores. */
    interface Environment extends AutoCloseable {

        Transport transport();

        Stores stores();

        /** How a worker on this transport is configured (queues, poll wait, inline result size). */
        WorkerOptions workerOptions(String workerId, int threads);

        @Override
        void close();
    }
}
