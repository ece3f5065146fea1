package io.dagflow.run;

import io.dagflow.model.WorkflowDefinition;
import io.dagflow.store.Stores;
import io.dagflow.transport.Transport;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/** What every execution of one engine shares. */
record EngineContext(
        String orchestratorId,
        Transport transport,
        Stores stores,
        OrchestratorWrites writes,
        Function<String, WorkflowDefinition> definitionParser,
        Executor executor,
        ScheduledExecutorService timers,
        Clock clock,
        QueuePresence presence) {

    long now() {
        return clock.millis();
    }
}
