package io.dagflow.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OrchestratorPresenceTest {

    private final RedisBackend backend = RedisBackend.connect(
            RedisServerProcess.shared().config("presence-" + UUID.randomUUID().toString().substring(0, 8)));

    @AfterEach
    void closeBackend() {
        backend.close();
    }

    @Test
    void aRunningOrchestratorIsPresentUntilItStops() {
        OrchestratorPresence presence = OrchestratorPresence.announce(backend, "orchestrator-1", "pid 42");

        assertThat(OrchestratorPresence.expiresIn(backend, "orchestrator-1"))
                .hasValueSatisfying(left -> assertThat(left).isPositive().isLessThanOrEqualTo(OrchestratorPresence.TTL));
        assertThat(OrchestratorPresence.expiresIn(backend, "orchestrator-2")).isEmpty();
        String key = backend.keys().orchestratorPresence("orchestrator-1");
        String held = backend.commands().call("read", jedis -> jedis.get(key));
        assertThat(held).isEqualTo("pid 42");
        assertThat(key).isEqualTo(backend.keys().prefix() + ":orchestrator:orchestrator-1");

        presence.close();

        assertThat(OrchestratorPresence.expiresIn(backend, "orchestrator-1")).isEmpty();
    }
}
