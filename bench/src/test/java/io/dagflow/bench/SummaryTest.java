package io.dagflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void summarisesMedianRangeAndSampleDeviation() {
        Summary summary = Summary.of(4, 1, 3, 2, 10);

        assertThat(summary.median()).isEqualTo(3);
        assertThat(summary.min()).isEqualTo(1);
        assertThat(summary.max()).isEqualTo(10);
        assertThat(summary.stddev()).isCloseTo(3.5355, within(1e-4));
        assertThat(summary.samples()).isEqualTo(5);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(Summary.of(1, 2, 3, 4).median()).isEqualTo(2.5);
        assertThat(Summary.of(7).stddev()).isZero();
    }

    @Test
    void percentilesUseTheNearestRank() {
        long[] values = new long[100];
        for (int i = 0; i < values.length; i++) {
            values[i] = 100 - i;
        }

        assertThat(Summary.percentile(values, 0.50)).isEqualTo(50);
        assertThat(Summary.percentile(values, 0.99)).isEqualTo(99);
        assertThat(Summary.percentile(new long[] {5}, 0.99)).isEqualTo(5);
    }
}
