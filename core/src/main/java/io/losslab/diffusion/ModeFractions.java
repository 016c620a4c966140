package io.losslab.diffusion;

import io.losslab.data.GaussianClasses;
import java.util.Arrays;
import java.util.Locale;

/**
 * Where samples of a Gaussian mixture landed: the fraction nearest each mode (by Mahalanobis
 * distance, the mode of highest density) against the mode's true weight, and the fraction that
 * is far from every mode. A model that under-serves a rare mode shows it here.
 *
 * <pre>{@code
 * GaussianClasses mixture = Toy2D.imbalancedMixture();
 * ModeFractions f = ModeFractions.of(mixture, samples);
 * System.out.println(f);   // mode 3: 0.017 of samples, weight 0.020, ...
 * }</pre>
 *
 * @param weights   the true weight of each mode
 * @param fractions the fraction of samples whose nearest mode it is, stray samples included
 * @param stray     the fraction of samples further than {@value #STRAY_DISTANCE} standard
 *                  deviations (Mahalanobis) from every mode; in two dimensions the mixture
 *                  itself puts e^(-8) ≈ 0.03% of its mass there
 */
public record ModeFractions(double[] weights, double[] fractions, double stray) {

    /** The Mahalanobis distance beyond which a sample is counted as stray. */
    public static final double STRAY_DISTANCE = 4;

    /** Copies the arrays. */
    public ModeFractions {
        weights = weights.clone();
        fractions = fractions.clone();
    }

    /**
     * The fractions of {@code samples} (in the mixture's coordinates) at each mode of {@code mixture}.
     *
     * @throws IllegalArgumentException if samples are empty or not of the mixture's dimension
     */
    public static ModeFractions of(GaussianClasses mixture, double[][] samples) {
        Points.requireDimension("samples", samples, mixture.dimension());
        long[] counts = new long[mixture.numClasses()];
        long stray = 0;
        for (double[] sample : samples) {
            int mode = mixture.bayesBalancedClass(sample);
            counts[mode]++;
            if (mixture.mahalanobisDistance(sample, mode) > STRAY_DISTANCE) {
                stray++;
            }
        }
        double[] fractions = Arrays.stream(counts).mapToDouble(c -> (double) c / samples.length).toArray();
        return new ModeFractions(mixture.priors(), fractions, (double) stray / samples.length);
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    @Override
    public double[] fractions() {
        return fractions.clone();
    }

    /** The largest {@code |fraction - weight|} over the modes. */
    public double worstError() {
        double worst = 0;
        for (int k = 0; k < weights.length; k++) {
            worst = Math.max(worst, Math.abs(fractions[k] - weights[k]));
        }
        return worst;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (int k = 0; k < weights.length; k++) {
            text.append(String.format(Locale.ROOT, "mode %d: %.3f of samples, weight %.3f%n", k, fractions[k], weights[k]));
        }
        return text.append(String.format(Locale.ROOT, "stray (beyond %.0f σ of every mode): %.3f", STRAY_DISTANCE, stray))
                .toString();
    }
}
