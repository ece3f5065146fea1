package io.dagflow.embedded;

import io.dagflow.handler.HandlerRegistry;
import io.dagflow.model.WorkflowDefinition;
import io.dagflow.run.WorkflowEngine;
import io.dagflow.store.Stores;
import io.dagflow.transport.InMemoryTransport;
import io.dagflow.worker.Secrets;
import io.dagflow.worker.Worker;
import io.dagflow.worker.WorkerOptions;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * The engine with no Redis: an in-memory transport, an orchestrator and workers in this process.
 * Stores default to memory; give file stores to keep executions across restarts.
 */
public final class EmbeddedEngine implements AutoCloseable {

    private final InMemoryTransport transport = new InMemoryTransport();
    private final WorkflowEngine engine;
    private final Worker worker;

    private EmbeddedEngine(Builder builder) {
        WorkflowEngine.Builder engineBuilder = WorkflowEngine.builder(transport, builder.stores)
                .orchestratorId("embedded");
        if (builder.definitionParser != null) {
            engineBuilder.definitionParser(builder.definitionParser);
        }
        this.engine = engineBuilder.build();
        this.worker = new Worker(WorkerOptions.inMemory("embedded-worker", builder.workers), transport,
                builder.stores.results(), builder.stores.idempotency(), builder.handlers).secrets(builder.secrets).start();
    }

    public static Builder builder(HandlerRegistry handlers) {
        return new Builder(handlers);
    }

    public WorkflowEngine engine() {
        return engine;
    }

    public Stores stores() {
        return engine.stores();
    }

    @Override
    public void close() {
        worker.stop(Duration.ofSeconds(2));
        engine.close();
        transport.close();
    }

    public static final class Builder {
        private final HandlerRegistry handlers;
        private Stores stores = Stores.inMemory();
        private int workers = Math.max(4, Runtime.getRuntime().availableProcessors());
        private Function<String, WorkflowDefinition> definitionParser;
        private Secrets secrets = Secrets.none();

        private Builder(HandlerRegistry handlers) {
            this.handlers = Objects.requireNonNull(handlers);
        }

        public Builder stores(Stores value) {
            this.stores = Objects.requireNonNull(value);
            return this;
        }

        /** How many tasks run at once (worker threads). */
        public Builder workers(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("at least one worker is needed, was " + count);
            }
            this.workers = count;
            return this;
        }

        /** What {@code {{secrets.NAME}}} resolves to in this process's workers (none by default). */
        public Builder secrets(Secrets value) {
            this.secrets = Objects.requireNonNull(value);
            return this;
        }

        public Builder definitionParser(Function<String, WorkflowDefinition> parser) {
            this.definitionParser = parser;
            return this;
        }

        public EmbeddedEngine build() {
            return new EmbeddedEngine(this);
        }
    }
}
