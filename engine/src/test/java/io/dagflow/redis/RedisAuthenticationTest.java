package io.dagflow.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dagflow.json.Json;
import io.dagflow.transport.Delivery;
import io.dagflow.transport.TaskMessage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RedisAuthenticationTest {

    private static final String ALICE_PASSWORD = "al1ce-Secret";
    private static final String DEFAULT_PASSWORD = "def4ult-Secret";

    private static RedisServerProcess server;

    @BeforeAll
    static void startServerWithUsers() {
        server = RedisServerProcess.builder().requirePass(DEFAULT_PASSWORD).aclUser("alice", ALICE_PASSWORD).start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void anAclUserWithItsPasswordCanSendAndReceive() throws InterruptedException {
        RedisConfig config = RedisConfig.parse("redis://alice:" + ALICE_PASSWORD + "@127.0.0.1:" + server.port() + "/0")
                .withKeyPrefix("auth-test");
        TaskMessage task = new TaskMessage("e1", "wf", "n1", 1, "noop", "q", Json.object(), Map.of(), Json.object(),
                "orchestrator", 1, 0);

        try (RedisBackend backend = RedisBackend.connect(config)) {
            backend.transport().sendTasks(List.of(task));
            List<Delivery<TaskMessage>> received =
                    backend.transport().receiveTasks("worker", List.of("q"), 1, Duration.ofSeconds(10));

            assertThat(received).extracting(Delivery::message).containsExactly(task);
        }
    }

    @Test
    void theDefaultUserWithItsPasswordCanConnect() {
        RedisConfig config = RedisConfig.parse("redis://:" + DEFAULT_PASSWORD + "@127.0.0.1:" + server.port());

        try (RedisBackend backend = RedisBackend.connect(config)) {
            backend.stores().idempotency().put("k", "v", null);

            assertThat(backend.stores().idempotency().get("k")).contains("v");
        }
    }

    @Test
    void aWrongPasswordIsReportedClearlyWithoutThePassword() {
        String wrong = "not-" + ALICE_PASSWORD;
        RedisConfig config = RedisConfig.of("127.0.0.1", server.port()).withCredentials("alice", wrong);

        assertThatThrownBy(() -> RedisBackend.connect(config))
                .isInstanceOf(RedisBackendException.class)
                .hasMessageContaining("Redis at 127.0.0.1:" + server.port())
                .hasMessageContaining("refused the credentials for user 'alice'")
                .satisfies(error -> assertThat(fullTrace(error)).doesNotContain(wrong));
    }

    @Test
    void aMissingPasswordIsReportedAsSuch() {
        RedisConfig config = RedisConfig.of("127.0.0.1", server.port());

        assertThatThrownBy(() -> RedisBackend.connect(config))
                .isInstanceOf(RedisBackendException.class)
                .hasMessageContaining("refused the credentials for user 'default' (no password was given)");
    }

    @Test
    void anUnreachableServerIsNamed() {
        RedisConfig config = RedisConfig.of("127.0.0.1", 1).withTimeouts(Duration.ofMillis(500), Duration.ofMillis(500));

        assertThatThrownBy(() -> RedisBackend.connect(config))
                .isInstanceOf(RedisBackendException.class)
                .hasMessageContaining("Cannot reach Redis at 127.0.0.1:1");
    }

    private static String fullTrace(Throwable error) {
        StringWriter text = new StringWriter();
        error.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
