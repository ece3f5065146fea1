package io.dagflow.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dagflow.json.Json;
import io.dagflow.transport.Delivery;
import io.dagflow.transport.ResultMessage;
import io.dagflow.transport.TaskMessage;
import io.dagflow.worker.AttemptReporter;
import io.dagflow.worker.AttemptReporterContract;
import io.dagflow.worker.ExecutionKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedisAttemptReporterTest extends AttemptReporterContract {

    private RedisConfig config;
    private RedisBackend backend;

    @Override
    protected void connect() {
        config = RedisServerProcess.shared().config("attempts-" + UUID.randomUUID().toString().substring(0, 8));
        backend = RedisBackend.connect(config);
        transport = backend.transport();
        stores = backend.stores();
        reporter = backend.attemptReporter();
    }

    @AfterEach
    void closeBackend() {
        backend.close();
    }

    /**
     * Taken over by a consumer of another transport that presumes any unacknowledged task dead at
     * once (visibility timeout of 1 ms, looking every millisecond), so a task still pending for
     * the worker that received it is found.
     */
    @Override
    protected List<Delivery<TaskMessage>> unacknowledgedTasks(String queue) throws InterruptedException {
        return unacknowledgedTasks(config, queue);
    }

    private static List<Delivery<TaskMessage>> unacknowledgedTasks(RedisConfig on, String queue)
            throws InterruptedException {
        RedisTransport.Settings impatient = RedisTransport.Settings.DEFAULT
                .withVisibilityTimeout(Duration.ofMillis(1)).withClaimInterval(Duration.ofMillis(1));
        try (RedisBackend other = RedisBackend.connect(on, impatient)) {
            return other.transport().receiveTasks("another", List.of(queue), 10, Duration.ofMillis(200));
        }
    }

    @Test
    void aTaskLeftUnacknowledgedIsFoundByTheCheckForUnacknowledgedTasks() throws Exception {
        Delivery<TaskMessage> ended = deliver("ended", 1);
        Delivery<TaskMessage> forgotten = deliver("forgotten", 1);

        reporter.settle(ended, null);

        assertThat(unacknowledgedTasks(queue())).extracting(Delivery::id).containsExactly(forgotten.id());
    }

    /**
     * A server out of memory ({@code maxmemory} reached, no eviction) refuses commands that add
     * data, such as XADD, HSET and SET, but still runs XACK and XDEL: the endings must not be
     * acknowledged when their outcomes were refused, or the tasks are lost with no outcome.
     */
    @Test
    void tasksWhoseOutcomesTheServerRefusedAreNotAcknowledged() throws Exception {
        try (RedisServerProcess server = RedisServerProcess.builder().start();
                RedisBackend full = RedisBackend.connect(server.config("full"))) {
            String queue = "q-full";
            full.transport().sendTasks(List.of(task("first", queue), task("second", queue)));
            List<Delivery<TaskMessage>> tasks =
                    full.transport().receiveTasks("worker", List.of(queue), 2, Duration.ofSeconds(10));
            assertThat(tasks).hasSize(2);
            List<AttemptReporter.Ending> endings = tasks.stream().map(task -> AttemptReporter.Ending.finished(task,
                    Json.tree("{\"ok\": true}"), ExecutionKey.succeeded(1),
                    ResultMessage.succeeded(task.message(), "w", 1, 2, Json.tree("{\"ok\": true}"), true))).toList();

            full.commands().run("leave no memory", jedis -> jedis.configSet("maxmemory", "1"));
            try {
                assertThatThrownBy(() -> full.attemptReporter().endAll(endings)).isInstanceOf(RuntimeException.class);
            } finally {
                full.commands().run("give memory back", jedis -> jedis.configSet("maxmemory", "0"));
            }

            assertThat(full.transport().receiveResults("o-full", 10, Duration.ofMillis(200))).isEmpty();
            assertThat(unacknowledgedTasks(server.config("full"), queue)).hasSize(2);
        }
    }

    private static TaskMessage task(String node, String queue) {
        return new TaskMessage("e-full", "wf", node, 1, "noop", queue, Json.object(), Map.of(), Json.object(),
                "o-full", 1, 0);
    }

    @Test
    void aProgressValueThatCannotBeReadRefusesTheWholeBatchUnchanged() throws Exception {
        Delivery<TaskMessage> readable = deliver("readable", 1);
        Delivery<TaskMessage> unreadable = deliver("unreadable", 1);
        stores.idempotency().put(unreadable.message().executionKey(), "written by something else", null);

        assertThatThrownBy(() -> reporter.claimAll(List.of(new AttemptReporter.Claim(readable, null),
                new AttemptReporter.Claim(unreadable, null))))
                .hasMessageContaining("written by something else");
        assertThat(progress("readable")).isEmpty();
        assertThat(progress("unreadable")).contains("written by something else");
    }
}
