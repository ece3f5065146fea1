package io.dagflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void shortDurationsAreShownInMilliseconds() {
        assertThat(Durations.format(0)).isEqualTo("0 ms");
        assertThat(Durations.format(999)).isEqualTo("999 ms");
    }

    @Test
    void secondsAreShownToATenth() {
        assertThat(Durations.format(1000)).isEqualTo("1 s");
        assertThat(Durations.format(1240)).isEqualTo("1.2 s");
        assertThat(Durations.format(59_940)).isEqualTo("59.9 s");
    }

    @Test
    void minutesAndHoursDropTheSmallestUnit() {
        assertThat(Durations.format(60_000)).isEqualTo("1 min");
        assertThat(Durations.format(123_456)).isEqualTo("2 min 3 s");
        assertThat(Durations.format(3_600_000)).isEqualTo("1 h");
        assertThat(Durations.format(3_725_000)).isEqualTo("1 h 2 min");
    }

    @Test
    void negativeDurationsCountAsZero() {
        assertThat(Durations.format(-5)).isEqualTo("0 ms");
    }
}
