package io.losslab.experiment;

import io.losslab.eval.ConfidenceInterval;
import io.losslab.eval.PairedTTest;
import java.util.Map;

/**
 * One row of a {@link SweepTable}: a contender at one ρ, summarised over the seeds whose runs
 * finished — each metric's mean with its 95% interval, and the paired test against the baseline.
 *
 * <pre>{@code
 * SweepRow row = table.row("logit-adjusted(tau=1)", 100);
 * System.out.println(row.interval(SweepMetric.BALANCED_ACCURACY) + " " + row.versusBaseline());
 * }</pre>
 *
 * @param contender      the contender's name
 * @param rho            the imbalance ratio, or {@link SweepCell#AS_GIVEN}
 * @param runs           how many runs finished
 * @param intervals      each metric's mean and 95% interval over the runs
 * @param seconds        the mean training seconds and their interval
 * @param versusBaseline the paired t-test of balanced accuracy against the baseline on the seeds
 *                       both finished; null for the baseline's own row
 */
public record SweepRow(String contender, double rho, int runs, Map<SweepMetric, ConfidenceInterval> intervals,
        ConfidenceInterval seconds, PairedTTest versusBaseline) {

    /** The level at which the table marks a contender better or worse than the baseline. */
    public static final double SIGNIFICANCE = 0.05;

    /** Keeps an unmodifiable copy of the intervals. */
    public SweepRow {
        intervals = Map.copyOf(intervals);
    }

    /** One metric's mean and interval. */
    public ConfidenceInterval interval(SweepMetric metric) {
        return intervals.get(metric);
    }

    /** Whether balanced accuracy is significantly above the baseline's on the same seeds (paired, 5%). */
    public boolean significantlyBetter() {
        return versusBaseline != null && versusBaseline.significantAt(SIGNIFICANCE) && versusBaseline.meanDifference() > 0;
    }

    /** Whether balanced accuracy is significantly below the baseline's on the same seeds (paired, 5%). */
    public boolean significantlyWorse() {
        return versusBaseline != null && versusBaseline.significantAt(SIGNIFICANCE) && versusBaseline.meanDifference() < 0;
    }
}
