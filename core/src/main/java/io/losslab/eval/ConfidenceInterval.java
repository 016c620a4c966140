package io.losslab.eval;

import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The mean of a few repeated measurements (one per seed) with its confidence interval by
 * Student's t: {@code mean ± t(1 - α/2; n - 1) · s / √n}, s the sample standard deviation. With
 * one measurement there is no interval (the half-width is NaN); undefined measurements (NaN)
 * are left out.
 *
 * <pre>{@code
 * ConfidenceInterval ci = ConfidenceInterval.of95(new double[] {0.70, 0.74, 0.77, 0.72, 0.75});
 * System.out.println(ci);                       // 0.736 ± 0.033
 * }</pre>
 *
 * @param mean      the mean of the defined measurements; NaN if there are none
 * @param halfWidth the distance from the mean to either end; NaN with fewer than two measurements
 * @param count     how many measurements were defined
 * @param level     the confidence level, e.g. 0.95
 */
public record ConfidenceInterval(double mean, double halfWidth, int count, double level) {

    /** The level LossLab's tables use. */
    public static final double DEFAULT_LEVEL = 0.95;

    /** The 95% interval of these measurements. */
    public static ConfidenceInterval of95(double[] measurements) {
        return of(measurements, DEFAULT_LEVEL);
    }

    /**
     * The interval of these measurements at this level.
     *
     * @throws IllegalArgumentException if the level is not strictly between 0 and 1
     */
    public static ConfidenceInterval of(double[] measurements, double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must be strictly between 0 and 1, but is " + level);
        }
        double[] defined = Arrays.stream(measurements).filter(v -> !Double.isNaN(v)).toArray();
        int n = defined.length;
        double mean = n == 0 ? Double.NaN : Arrays.stream(defined).sum() / n;
        if (n < 2) {
            return new ConfidenceInterval(mean, Double.NaN, n, level);
        }
        double squares = Arrays.stream(defined).map(v -> (v - mean) * (v - mean)).sum();
        double standardError = Math.sqrt(squares / (n - 1) / n);
        return new ConfidenceInterval(mean, tQuantile(1 - (1 - level) / 2, n - 1) * standardError, n, level);
    }

    /** The {@code p}-quantile of Student's t distribution with {@code degreesOfFreedom}. */
    public static double tQuantile(double p, int degreesOfFreedom) {
        return new TDistribution(null, degreesOfFreedom).inverseCumulativeProbability(p);
    }

    /** The lower end; NaN without an interval. */
    public double lower() {
        return mean - halfWidth;
    }

    /** The upper end; NaN without an interval. */
    public double upper() {
        return mean + halfWidth;
    }

    /** {@code 0.742 ± 0.036}; the mean alone with one measurement; a dash with none. */
    @Override
    public String toString() {
        if (Double.isNaN(mean)) {
            return "–";
        }
        String center = String.format(Locale.ROOT, "%.3f", mean);
        return Double.isNaN(halfWidth) ? center : center + String.format(Locale.ROOT, " ± %.3f", halfWidth);
    }
}
