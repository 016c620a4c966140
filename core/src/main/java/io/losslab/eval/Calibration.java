package io.losslab.eval;

import java.util.Arrays;
import java.util.Locale;

/**
 * How well a model's confidence matches its accuracy: predictions binned by confidence into
 * equal-width bins {@code ((b-1)/M, b/M]}, with each bin's mean confidence, accuracy and size, and
 * the expected calibration error {@code ECE = Σ_b (n_b / N) |acc_b - conf_b|} (Guo et al. 2017).
 * The arrays are those of a reliability diagram.
 *
 * <pre>{@code
 * Calibration c = Calibration.of(new double[] {0.9, 0.6, 0.8}, new boolean[] {true, false, true}, 15);
 * double ece = c.expectedCalibrationError();
 * }</pre>
 */
public final class Calibration {

    /** The number of bins LossLab reports by default, as Guo et al. do. */
    public static final int DEFAULT_BINS = 15;

    private final double[] binConfidence;
    private final double[] binAccuracy;
    private final long[] binCount;
    private final double expectedCalibrationError;

    private Calibration(double[] binConfidence, double[] binAccuracy, long[] binCount, double ece) {
        this.binConfidence = binConfidence;
        this.binAccuracy = binAccuracy;
        this.binCount = binCount;
        this.expectedCalibrationError = ece;
    }

    /**
     * The calibration of predictions with the given confidences (the probability each gave its
     * predicted class) and correctness.
     *
     * @throws IllegalArgumentException if the arrays differ in length or are empty, a confidence
     *     is outside [0, 1], or {@code bins < 1}
     */
    public static Calibration of(double[] confidence, boolean[] correct, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be at least 1, but is " + bins);
        }
        if (confidence.length != correct.length || confidence.length == 0) {
            throw new IllegalArgumentException("confidence and correct need one entry per prediction, at least one, but have "
                    + confidence.length + " and " + correct.length);
        }
        double[] confidenceSum = new double[bins];
        double[] correctSum = new double[bins];
        long[] count = new long[bins];
        for (int i = 0; i < confidence.length; i++) {
            double c = confidence[i];
            if (!(c >= 0 && c <= 1)) {
                throw new IllegalArgumentException("confidence[" + i + "] = " + c + " is outside [0, 1]");
            }
            int b = Math.max(0, (int) Math.ceil(c * bins) - 1);
            confidenceSum[b] += c;
            correctSum[b] += correct[i] ? 1 : 0;
            count[b]++;
        }
        double ece = 0;
        double[] meanConfidence = new double[bins];
        double[] accuracy = new double[bins];
        for (int b = 0; b < bins; b++) {
            meanConfidence[b] = count[b] == 0 ? Double.NaN : confidenceSum[b] / count[b];
            accuracy[b] = count[b] == 0 ? Double.NaN : correctSum[b] / count[b];
            ece += count[b] == 0 ? 0 : Math.abs(correctSum[b] - confidenceSum[b]) / confidence.length;
        }
        return new Calibration(meanConfidence, accuracy, count, ece);
    }

    /** The expected calibration error, in [0, 1]. */
    public double expectedCalibrationError() {
        return expectedCalibrationError;
    }

    /** The number of bins M. */
    public int bins() {
        return binCount.length;
    }

    /** The mean confidence in each bin; NaN for an empty bin. */
    public double[] binConfidence() {
        return binConfidence.clone();
    }

    /** The accuracy in each bin; NaN for an empty bin. */
    public double[] binAccuracy() {
        return binAccuracy.clone();
    }

    /** The number of predictions in each bin. */
    public long[] binCount() {
        return binCount.clone();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ECE %.4f over %d bins, %d predictions", expectedCalibrationError, bins(),
                Arrays.stream(binCount).sum());
    }
}
