package io.dagflow.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagflow.event.EventType;
import io.dagflow.event.WorkflowEvent;
import io.dagflow.json.Json;
import io.dagflow.model.WorkflowStatus;
import io.dagflow.store.ExecutionRecord;
import io.dagflow.transport.Delivery;
import io.dagflow.transport.TaskMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A Redis server with append-only persistence that crashes or restarts under connected clients. */
class RedisPersistenceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private RedisServerProcess server;
    private RedisBackend backend;

    @BeforeEach
    void startServer() {
        server = RedisServerProcess.builder().appendOnly(true).start();
        backend = RedisBackend.connect(server.config("persist"), RedisTransport.Settings.DEFAULT
                .withVisibilityTimeout(Duration.ofMillis(200)).withClaimInterval(Duration.ofMillis(50)));
    }

    @AfterEach
    void stopServer() {
        backend.close();
        server.close();
    }

    @Test
    void eventsRecordsAndQueuedTasksSurviveACrashAndClientsReconnectOnTheirNextCall() throws Exception {
        List<WorkflowEvent> events = List.of(
                new WorkflowEvent("e1", 1, EventType.WORKFLOW_STARTED, null, 0, 10, null, null),
                new WorkflowEvent("e1", 2, EventType.NODE_DISPATCHED, "a", 1, 11, null, null));
        backend.stores().events().append(events);
        ExecutionRecord record = new ExecutionRecord("e1", "wf", "v1", WorkflowStatus.RUNNING, 10, 0, Json.object(),
                null, "orchestrator", null, null, null);
        backend.stores().executions().save(record);
        backend.transport().sendTasks(List.of(task("queued"), task("taken")));
        List<Delivery<TaskMessage>> taken = backend.transport().receiveTasks("worker-before-crash", List.of("q"), 1,
                PATIENCE);

        server.kill();
        server.restart();

        assertThat(backend.stores().events().read("e1")).containsExactlyElementsOf(events);
        assertThat(backend.stores().executions().find("e1")).contains(record);
        List<String> afterRestart = new java.util.ArrayList<>();
        while (afterRestart.size() < 2) {
            List<Delivery<TaskMessage>> batch =
                    backend.transport().receiveTasks("worker-after-crash", List.of("q"), 2, PATIENCE);
            assertThat(batch).isNotEmpty();
            batch.forEach(d -> afterRestart.add(d.message().nodeId()));
            backend.transport().ackTasks(batch);
        }
        assertThat(taken).hasSize(1);
        assertThat(afterRestart).containsExactlyInAnyOrder("queued", "taken");
    }

    @Test
    void clientsCarryOnAfterAGracefulRestart() throws Exception {
        backend.stores().idempotency().put("dispatch:e1:a:1", "sent", null);

        server.stop();
        server.restart();

        assertThat(backend.stores().idempotency().get("dispatch:e1:a:1")).contains("sent");
        backend.transport().sendTasks(List.of(task("after-restart")));
        assertThat(backend.transport().receiveTasks("worker", List.of("q"), 1, PATIENCE))
                .extracting(d -> d.message().nodeId()).containsExactly("after-restart");
    }

    private static TaskMessage task(String nodeId) {
        return new TaskMessage("e1", "wf", nodeId, 1, "noop", "q", Json.object(), Map.of(), Json.object(),
                "orchestrator", 1, 0);
    }
}
