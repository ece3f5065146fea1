package io.dagflow.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagflow.handler.HandlerRegistry;
import io.dagflow.json.Json;
import io.dagflow.model.WorkflowStatus;
import io.dagflow.run.ExecutionResult;
import io.dagflow.run.StartOptions;
import io.dagflow.run.WorkflowEngine;
import io.dagflow.store.Stores;
import io.dagflow.transport.InMemoryTransport;
import io.dagflow.validation.WorkflowLoader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A worker holds no more tasks of a limited queue than its limit, and its other queues use the remaining slots. */
@Timeout(30)
class WorkerQueueLimitsTest {

    private final InMemoryTransport transport = new InMemoryTransport();
    private final Stores stores = Stores.inMemory();
    private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> most = new ConcurrentHashMap<>();
    private WorkflowEngine engine;
    private Worker worker;

    @AfterEach
    void close() {
        if (worker != null) {
            worker.stop(Duration.ofSeconds(1));
            engine.close();
        }
    }

    @Test
    void aLimitedQueueRunsNoMoreTasksAtOnceThanItsLimitWhileTheOtherQueueUsesTheRestOfTheSlots() throws Exception {
        HandlerRegistry handlers = new HandlerRegistry().register("work", ctx -> {
            String queue = ctx.config().path("queue").asText();
            int now = running.computeIfAbsent(queue, q -> new AtomicInteger()).incrementAndGet();
            most.computeIfAbsent(queue, q -> new AtomicInteger()).accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(60);
            } finally {
                running.get(queue).decrementAndGet();
            }
            return Json.object();
        });
        engine = WorkflowEngine.builder(transport, stores).orchestratorId("limits").build();
        worker = new Worker(new WorkerOptions("w", List.of("gpu", "cpu"), 4, Duration.ofMillis(100),
                Map.of("gpu", 1)), transport, stores.results(), stores.idempotency(), handlers).start();
        StringBuilder nodes = new StringBuilder();
        for (String queue : List.of("gpu", "cpu")) {
            for (int i = 0; i < 6; i++) {
                nodes.append(nodes.length() == 0 ? "" : ", ").append("{\"id\": \"").append(queue).append(i)
                        .append("\", \"handler\": \"work\", \"queue\": \"").append(queue)
                        .append("\", \"config\": {\"queue\": \"").append(queue).append("\"}}");
            }
        }

        ExecutionResult result = engine.start(new WorkflowLoader().parse("{\"name\": \"limited\", \"dag\": {\"nodes\": ["
                + nodes + "]}}", "limited.json"), Json.object(), StartOptions.defaults()).await();

        assertThat(result.status()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(most.get("gpu")).hasValue(1);
        assertThat(most.get("cpu").get()).as("cpu tasks at once").isGreaterThan(1);
    }

    @Test
    void aLimitOnAQueueTheWorkerDoesNotServeIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WorkerOptions("w", List.of("cpu"), 2,
                Duration.ofMillis(100), Map.of("gpu", 1)))
                .hasMessage("a limit for queue 'gpu', which the worker does not serve (it serves cpu)");
    }
}
