package io.dagflow.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedisConfigTest {

    @Test
    void aPlainUrlGivesHostPortAndDatabase() {
        RedisConfig config = RedisConfig.parse("redis://cache.internal:6380/3");

        assertThat(config.host()).isEqualTo("cache.internal");
        assertThat(config.port()).isEqualTo(6380);
        assertThat(config.database()).isEqualTo(3);
        assertThat(config.tls()).isFalse();
        assertThat(config.username()).isNull();
        assertThat(config.password()).isNull();
        assertThat(config.keyPrefix()).isEqualTo("dagflow");
    }

    @Test
    void portAndDatabaseHaveDefaults() {
        RedisConfig config = RedisConfig.parse("redis://localhost");

        assertThat(config.port()).isEqualTo(6379);
        assertThat(config.database()).isZero();
    }

    @Test
    void redissMeansTls() {
        RedisConfig config = RedisConfig.parse("rediss://secure.example:6390/0");

        assertThat(config.tls()).isTrue();
        assertThat(config.port()).isEqualTo(6390);
        assertThat(config.redactedUrl()).startsWith("rediss://");
    }

    @Test
    void userAndPasswordArePercentDecoded() {
        RedisConfig config = RedisConfig.parse("redis://app%40team:p%40ss%2Fw%3Ard+1@host:6379/2");

        assertThat(config.username()).isEqualTo("app@team");
        assertThat(config.password()).isEqualTo("p@ss/w:rd+1");
        assertThat(config.database()).isEqualTo(2);
    }

    @Test
    void aPasswordWithoutUserAuthenticatesTheDefaultUser() {
        RedisConfig config = RedisConfig.parse("redis://:hunter2@host");

        assertThat(config.username()).isNull();
        assertThat(config.effectiveUsername()).isEqualTo("default");
        assertThat(config.password()).isEqualTo("hunter2");
    }

    @Test
    void anIpv6HostIsUnbracketed() {
        RedisConfig config = RedisConfig.parse("redis://[::1]:7000");

        assertThat(config.host()).isEqualTo("::1");
        assertThat(config.port()).isEqualTo(7000);
        assertThat(config.address()).isEqualTo("[::1]:7000");
    }

    @Test
    void thePasswordNeverShowsInTextOfTheConfig() {
        RedisConfig config = RedisConfig.parse("rediss://alice:hunter2@host:6379/1");

        assertThat(config.toString()).doesNotContain("hunter2").contains("alice").contains("host:6379");
        assertThat(config.redactedUrl()).isEqualTo("rediss://alice:***@host:6379/1");
    }

    @Test
    void badUrlsAreRefusedWithoutShowingThePassword() {
        assertThatThrownBy(() -> RedisConfig.parse("http://alice:hunter2@host"))
                .hasMessageContaining("redis:// or rediss://").hasMessageNotContaining("hunter2")
                .hasMessageContaining("alice:***@host");
        assertThatThrownBy(() -> RedisConfig.parse("redis://alice:hunter2@host:port"))
                .hasMessageContaining("port 'port'").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> RedisConfig.parse("redis://alice:hunter2@host/zero"))
                .hasMessageContaining("database 'zero'").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> RedisConfig.parse("redis://alice:hunt/er2@host"))
                .hasMessageContaining("percent-encode").hasMessageNotContaining("hunt/er2")
                .hasMessageNotContaining("er2");
        assertThatThrownBy(() -> RedisConfig.parse("redis://host?db=1"))
                .hasMessageContaining("query");
        assertThatThrownBy(() -> RedisConfig.parse(""))
                .hasMessageContaining("empty");
    }

    @Test
    void withersChangeOneSetting() {
        RedisConfig base = RedisConfig.parse("redis://host");

        RedisConfig changed = base.withKeyPrefix("team-a").withDatabase(4).withPoolSize(3)
                .withCredentials("bob", "pw").withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(9)).withTls(true);

        assertThat(changed.keyPrefix()).isEqualTo("team-a");
        assertThat(changed.database()).isEqualTo(4);
        assertThat(changed.poolSize()).isEqualTo(3);
        assertThat(changed.username()).isEqualTo("bob");
        assertThat(changed.password()).isEqualTo("pw");
        assertThat(changed.socketTimeout()).isEqualTo(Duration.ofSeconds(9));
        assertThat(changed.tls()).isTrue();
        assertThat(changed.host()).isEqualTo("host");
    }

    @Test
    void invalidSettingsAreRefused() {
        RedisConfig base = RedisConfig.parse("redis://host");

        assertThatThrownBy(() -> base.withKeyPrefix("has space")).hasMessageContaining("key prefix");
        assertThatThrownBy(() -> base.withPoolSize(0)).hasMessageContaining("pool size");
        assertThatThrownBy(() -> base.withDatabase(-1)).hasMessageContaining("database");
        assertThatThrownBy(() -> base.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("connect timeout");
    }
}
