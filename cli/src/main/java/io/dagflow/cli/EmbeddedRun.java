package io.dagflow.cli;

import io.dagflow.embedded.EmbeddedEngine;
import io.dagflow.handler.HandlerRegistry;
import io.dagflow.run.ExecutionHandle;
import io.dagflow.store.Stores;
import io.dagflow.worker.Secrets;
import java.io.IOException;

/** Runs one execution on the embedded engine (in-memory transport, workers in this process). */
final class EmbeddedRun {

    private EmbeddedRun() {
    }

    static int run(HandlerRegistry handlers, Secrets secrets, Stores stores, int workers, ExecutionStarter starter,
            ExecutionOutput output) throws InterruptedException, IOException {
        if (workers < 1) {
            throw new UserError("--workers must be at least 1 without --redis (was " + workers
                    + "); only with --redis can other processes run the tasks");
        }
        try (EmbeddedEngine engine = EmbeddedEngine.builder(handlers).secrets(secrets).workers(workers).stores(stores)
                .definitionParser(Definitions::parseStored).build()) {
            ExecutionHandle handle = starter.start(engine.engine(), output.progress());
            return output.await(handle, stores, handlers);
        }
    }
}
