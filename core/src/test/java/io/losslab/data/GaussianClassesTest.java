package io.losslab.data;

import static io.losslab.data.TestFiles.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Gaussian classes and their Bayes-optimal balanced error, checked three ways: against the
 * closed form, against a Monte-Carlo run of the optimal rule on sampled data, and (for three
 * classes on a line, where it is known exactly) against the numerical estimate.
 */
class GaussianClassesTest {

    /** A correlated covariance, so that whitening matters. */
    private static final double[][] COVARIANCE = {{2.0, 0.6}, {0.6, 1.0}};

    @Test
    void exactTwoClassErrorIsPhiOfMinusHalfDelta() {
        GaussianClasses g = GaussianClasses.isotropic(new double[][] {{0, 0, 0}, {2, 0, 0}}, 1.0, new double[] {0.5, 0.5});
        assertEquals(2.0, g.mahalanobisDistance(0, 1), 1e-15);
        BayesError error = g.bayesBalancedError();
        assertTrue(error.exact());
        assertEquals(0.15865525393145707, error.value(), 1e-15, "Φ(-1)");
        assertEquals("0.158655 (exact)", error.toString());
    }

    @Test
    void exactErrorAgreesWithMonteCarloOfTheOptimalRule() {
        double[] mu0 = {1, -1};
        double[] mu1 = {2.5, 0.5};
        GaussianClasses g = GaussianClasses.of(new double[][] {mu0, mu1}, COVARIANCE, new double[] {0.9, 0.1});
        // The priors are skewed, but the balanced-error floor does not depend on them.
        long[] counts = {200_000, 200_000};
        LabeledData sample = g.sample(counts, 17);
        double[] errorRate = classErrorRates(g, sample);
        double monteCarlo = (errorRate[0] + errorRate[1]) / 2;
        BayesError exact = g.bayesBalancedError();
        double standardError = Math.sqrt(exact.value() * (1 - exact.value()) / counts[0]) / Math.sqrt(2);
        assertEquals(exact.value(), monteCarlo, 4 * standardError,
                "exact " + exact + " vs Monte Carlo " + monteCarlo + " ± " + standardError);
        assertEquals(errorRate[0], errorRate[1], 8 * standardError, "the optimal rule errs alike on both classes");
    }

    @Test
    void numericalEstimateReproducesTheClosedForm() {
        GaussianClasses g = GaussianClasses.of(new double[][] {{0, 0}, {1, 2}}, COVARIANCE, new double[] {0.3, 0.7});
        BayesError numerical = g.numericalBalancedError(1000, 3);
        assertFalse(numerical.exact());
        assertEquals(g.bayesBalancedError().value(), numerical.value(), 1e-12,
                "with one dimension of mean differences, the paired directions integrate exactly");
    }

    @Test
    void threeClassesOnALineAreKnownExactly() {
        // Means 0, d, 2d with unit variance: the end classes err on one side, the middle on both,
        // so the balanced error is (Φ(-d/2) + 2Φ(-d/2) + Φ(-d/2)) / 3.
        double d = 1.6;
        GaussianClasses g = GaussianClasses.isotropic(new double[][] {{0, 0}, {d, 0}, {2 * d, 0}}, 1.0,
                new double[] {0.2, 0.3, 0.5});
        BayesError estimate = g.bayesBalancedError();
        assertEquals(4.0 / 3 * Normal.cdf(-d / 2), estimate.value(), 1e-12);
    }

    @Test
    void numericalEstimateAgreesWithMonteCarloForFourClasses() {
        double[][] means = {{0, 0, 0}, {2, 0, 0}, {0, 2.5, 0}, {1, 1, 1.5}};
        double[][] covariance = {{1, 0.3, 0}, {0.3, 1.5, 0.2}, {0, 0.2, 0.8}};
        GaussianClasses g = GaussianClasses.of(means, covariance, new double[] {0.4, 0.3, 0.2, 0.1});
        BayesError estimate = g.bayesBalancedError();
        assertTrue(estimate.standardError() > 0 && estimate.standardError() < 2e-4, estimate.toString());
        LabeledData sample = g.sample(new long[] {100_000, 100_000, 100_000, 100_000}, 23);
        double[] rates = classErrorRates(g, sample);
        double monteCarlo = Arrays.stream(rates).average().orElseThrow();
        double monteCarloError = Math.sqrt(monteCarlo * (1 - monteCarlo) / 100_000) / 2;
        double tolerance = 4 * Math.hypot(monteCarloError, estimate.standardError());
        assertEquals(estimate.value(), monteCarlo, tolerance, estimate + " vs Monte Carlo " + monteCarlo);
    }

    @Test
    void samplesHaveExactCountsAndTheRightMoments() {
        GaussianClasses g = GaussianClasses.of(new double[][] {{1, -2}, {0, 3}}, COVARIANCE, new double[] {0.75, 0.25});
        assertArrayEquals(new long[] {7500, 2500}, g.classCounts(10_000));
        assertArrayEquals(new long[] {2, 1}, g.classCounts(3), "largest remainder: 2.25 and 0.75 round to 2 and 1");
        LabeledData data = g.sample(40_000, 5);
        assertArrayEquals(new long[] {30_000, 10_000}, data.classCounts());
        assertEquals(List.of("x0", "x1"), data.featureNames());
        double[] mean = new double[2];
        double[] square = new double[3];
        int n = 0;
        for (int i = 0; i < data.size(); i++) {
            if (data.label(i) == 0) {
                double a = data.features().get(i, 0) - 1;
                double b = data.features().get(i, 1) + 2;
                mean[0] += a;
                mean[1] += b;
                square[0] += a * a;
                square[1] += a * b;
                square[2] += b * b;
                n++;
            }
        }
        assertEquals(0, mean[0] / n, 0.03);
        assertEquals(0, mean[1] / n, 0.03);
        assertEquals(2.0, square[0] / n, 0.06);
        assertEquals(0.6, square[1] / n, 0.04);
        assertEquals(1.0, square[2] / n, 0.03);
        int[] labels = data.labels();
        int[] sorted = labels.clone();
        Arrays.sort(sorted);
        assertFalse(Arrays.equals(sorted, labels), "the classes are shuffled, not in blocks");
    }

    @Test
    void badParameters() {
        double[][] two = {{0, 0}, {1, 1}};
        double[] half = {0.5, 0.5};
        assertFails(IllegalArgumentException.class,
                () -> GaussianClasses.of(new double[][] {{0}}, new double[][] {{1}}, new double[] {1}), "at least two");
        assertFails(IllegalArgumentException.class,
                () -> GaussianClasses.of(new double[][] {{0, 0}, {1}}, COVARIANCE, half), "means[1] has 1 coordinates");
        assertFails(IllegalArgumentException.class,
                () -> GaussianClasses.of(two, new double[][] {{1, 2}, {2, 1}}, half), "positive definite");
        assertFails(IllegalArgumentException.class,
                () -> GaussianClasses.of(two, new double[][] {{1, 0.2}, {0.1, 1}}, half), "symmetric");
        assertFails(IllegalArgumentException.class, () -> GaussianClasses.of(two, new double[][] {{1}}, half), "2×2");
        assertFails(IllegalArgumentException.class,
                () -> GaussianClasses.of(new double[][] {{1, 1}, {1, 1}}, COVARIANCE, half), "are equal");
        assertFails(IllegalArgumentException.class,
                () -> GaussianClasses.of(two, COVARIANCE, new double[] {0.5, 0.6}), "sum to 1");
        assertFails(IllegalArgumentException.class,
                () -> GaussianClasses.of(two, COVARIANCE, new double[] {1.0, 0.0}), "priors[1] = 0.0");
        assertFails(IllegalArgumentException.class, () -> GaussianClasses.isotropic(two, -1, half), "sigma", "-1.0");
        GaussianClasses g = GaussianClasses.isotropic(two, 1, half);
        assertFails(IllegalArgumentException.class, () -> g.sample(new long[] {1, -1}, 0), "non-negative");
        assertFails(IllegalArgumentException.class, () -> g.numericalBalancedError(1, 0), "directions");
        assertFails(IllegalArgumentException.class, () -> g.bayesBalancedClass(new double[3]), "3 coordinates");
    }

    /** The error rate of the optimal rule on each class of {@code sample}. */
    private static double[] classErrorRates(GaussianClasses g, LabeledData sample) {
        long[] errors = new long[g.numClasses()];
        double[] x = new double[g.dimension()];
        for (int i = 0; i < sample.size(); i++) {
            for (int d = 0; d < x.length; d++) {
                x[d] = sample.features().get(i, d);
            }
            if (g.bayesBalancedClass(x) != sample.label(i)) {
                errors[sample.label(i)]++;
            }
        }
        long[] counts = sample.classCounts();
        double[] rates = new double[errors.length];
        for (int k = 0; k < rates.length; k++) {
            rates[k] = errors[k] / (double) counts[k];
        }
        return rates;
    }
}
