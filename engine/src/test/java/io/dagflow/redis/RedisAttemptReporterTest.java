package io.dagflow.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagflow.transport.Delivery;
import io.dagflow.transport.TaskMessage;
import io.dagflow.worker.AttemptReporterContract;
import java.time.Duration;
import java.util.List;
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
}
