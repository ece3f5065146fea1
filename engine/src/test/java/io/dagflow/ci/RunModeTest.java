package io.dagflow.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RunModeTest {

    @Test
    void modesAreReadAsUsersWriteThem() {
        assertThat(RunMode.parse("embedded")).isEqualTo(RunMode.EMBEDDED);
        assertThat(RunMode.parse(" Redis ")).isEqualTo(RunMode.REDIS);
        assertThat(RunMode.REDIS.id()).isEqualTo("redis");
    }

    @Test
    void anUnknownModeNamesTheAcceptedOnes() {
        assertThatThrownBy(() -> RunMode.parse("kafka"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown mode 'kafka'; use one of embedded, redis");
    }

    @Test
    void noModeFallsBackToTheDefault() {
        assertThat(RunMode.parseOr(null, RunMode.REDIS)).isEqualTo(RunMode.REDIS);
        assertThat(RunMode.parseOr("  ", RunMode.EMBEDDED)).isEqualTo(RunMode.EMBEDDED);
        assertThat(RunMode.parseOr("redis", RunMode.EMBEDDED)).isEqualTo(RunMode.REDIS);
        assertThatThrownBy(() -> RunMode.parse("")).hasMessage("mode is empty; use one of embedded, redis");
    }
}
