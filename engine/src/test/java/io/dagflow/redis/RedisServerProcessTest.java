package io.dagflow.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** The test server fixture itself, including the bundled binary that machines without Redis use. */
class RedisServerProcessTest {

    @Test
    void theBundledBinaryStartsAndKeepsAppendedDataOverARestart() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        assumeTrue(os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64")),
                "the bundled redis-server is built for linux-amd64");

        try (RedisServerProcess server = RedisServerProcess.builder()
                .binary(RedisServerProcess.bundledBinary()).appendOnly(true).start()) {
            try (RedisClient client = RedisClient.create("127.0.0.1", server.port())) {
                client.set("kept", "yes");
            }

            server.kill();
            server.restart();

            try (RedisClient client = RedisClient.create("127.0.0.1", server.port())) {
                assertThat(client.get("kept")).isEqualTo("yes");
                assertThat(client.info("server")).contains("redis_version:6.2.")
                        .contains("executable:" + server.binary());
            }
        }
    }

    @Test
    void aStoppedServerRefusesConnectionsUntilRestarted() {
        try (RedisServerProcess server = RedisServerProcess.builder().start()) {
            server.stop();

            assertThat(server.isRunning()).isFalse();
            server.restart();
            assertThat(server.isRunning()).isTrue();
            try (RedisClient client = RedisClient.create("127.0.0.1", server.port())) {
                assertThat(client.ping()).isEqualTo("PONG");
            }
        }
    }
}
