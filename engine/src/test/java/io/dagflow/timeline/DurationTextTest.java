package io.dagflow.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DurationTextTest {

    @Test
    void durationsUseTheLargestUnitThatKeepsThemShort() {
        assertThat(DurationText.format(0)).isEqualTo("0ms");
        assertThat(DurationText.format(850)).isEqualTo("850ms");
        assertThat(DurationText.format(1_000)).isEqualTo("1s");
        assertThat(DurationText.format(4_240)).isEqualTo("4.2s");
        assertThat(DurationText.format(12_345)).isEqualTo("12.3s");
        assertThat(DurationText.format(59_960)).isEqualTo("60s");
        assertThat(DurationText.format(185_000)).isEqualTo("3m05s");
        assertThat(DurationText.format(3_720_000)).isEqualTo("1h02m");
    }
}
