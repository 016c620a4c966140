package io.losslab.experiment;

import java.io.Serializable;

/**
 * A finished run of a sweep: which cell, how it did, and how long it trained. Two results are
 * equal when their cells and metrics are, whatever the seconds: the same cell gives the same
 * result on any runner, only faster or slower.
 *
 * <pre>{@code
 * SweepResult r = job.run(new SweepCell("ce", 100, 0));
 * System.out.println(r.cell() + ": " + r.metrics().balancedAccuracy());
 * }</pre>
 *
 * @param cell    the run
 * @param metrics its test-set metrics
 * @param seconds wall-clock seconds of training
 */
public record SweepResult(SweepCell cell, RunMetrics metrics, double seconds) implements Serializable {

    /** Equal when the cells and metrics are; the seconds are left out. */
    @Override
    public boolean equals(Object other) {
        return other instanceof SweepResult that && cell.equals(that.cell) && metrics.equals(that.metrics);
    }

    @Override
    public int hashCode() {
        return 31 * cell.hashCode() + metrics.hashCode();
    }
}
