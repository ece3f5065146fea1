package io.dagflow.bench;

import java.util.Arrays;

/** The spread of one figure over the measured runs. */
record Summary(double median, double min, double max, double stddev, int samples) {

    static Summary of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no samples to summarise");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        double mean = Arrays.stream(sorted).average().orElseThrow();
        double squares = 0;
        for (double value : sorted) {
            squares += (value - mean) * (value - mean);
        }
        double stddev = n > 1 ? Math.sqrt(squares / (n - 1)) : 0;
        return new Summary(median, sorted[0], sorted[n - 1], stddev, n);
    }

    /** The value at quantile {@code q} (0..1) by the nearest-rank method; {@code values} gets sorted. */
    static long percentile(long[] values, double q) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values for a percentile");
        }
        Arrays.sort(values);
        int rank = (int) Math.ceil(q * values.length);
        return values[Math.max(0, Math.min(values.length - 1, rank - 1))];
    }
}
