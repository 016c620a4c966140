package io.losslab.bench;

import java.util.Arrays;

/**
 * The outcome of a series of timed runs, in milliseconds: the median, which the benchmark
 * quotes, and the fastest and slowest run, which show how noisy the machine was.
 */
record Timing(double medianMs, double minMs, double maxMs) {

    /** The timing of the given run times; their count should be odd so the median is a run. */
    static Timing of(double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Timing(median, sorted[0], sorted[n - 1]);
    }
}
