package io.losslab.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.losslab.data.Normal;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code exact} against what it must equal without its quadrature: the closed form for two
 * classes, 1/K for equal logits, a Monte Carlo estimate of the noisy prediction's accuracy, and
 * the 0/1 error as σ shrinks. Its gradient is checked against finite differences with every other
 * loss's, in {@link LossGradientTest}.
 */
class ExactLossTest {

    @Test
    void twoClassesGiveTheClosedForm() {
        Random random = new Random(21);
        for (double sigma : new double[] {0.2, 1, 3.5}) {
            Loss exact = Losses.exact(sigma);
            for (int trial = 0; trial < 20; trial++) {
                double[] logits = {3 * random.nextGaussian(), 3 * random.nextGaussian()};
                int label = random.nextInt(2);
                double[] gradient = new double[2];
                double value = exact.compute(logits, Targets.classes(new int[] {label}, 2), Reduction.SUM, gradient);
                // s_y + σε_y > s_o + σε_o with ε_o - ε_y ~ N(0, 2): P = Φ((s_y - s_o)/(σ√2)).
                double spread = sigma * Math.sqrt(2);
                double standardised = (logits[label] - logits[1 - label]) / spread;
                String where = "σ = " + sigma + ", logits " + logits[0] + ", " + logits[1] + ", label " + label;
                assertEquals(1 - Normal.cdf(standardised), value, 1e-9, where);
                double slope = Normal.density(standardised) / spread;
                assertEquals(-slope, gradient[label], 1e-9, where);
                assertEquals(slope, gradient[1 - label], 1e-9, where);
            }
        }
    }

    @Test
    void equalLogitsLeaveEveryClassTheSameChance() {
        for (int classes : new int[] {2, 3, 5, 10}) {
            double[] logits = new double[classes];
            Arrays.fill(logits, 0.7);
            double[] gradient = new double[classes];
            double value = Losses.exact(1.3).compute(logits, Targets.classes(new int[] {classes - 1}, classes),
                    Reduction.SUM, gradient);
            assertEquals(1 - 1.0 / classes, value, 1e-7, classes + " classes");
            for (int k = 1; k < classes - 1; k++) {
                assertEquals(gradient[0], gradient[k], 1e-12, "by symmetry, every other class pulls alike");
            }
            assertTrue(gradient[0] > 0, "raising another class's logit raises the loss");
        }
    }

    @Test
    void manyClassesMatchTheNoisyPredictionsAccuracy() {
        double sigma = 0.8;
        double[][] rows = {{0.5, -0.2, 0.9, 0.1, -1.0}, {2.0, 0.3, 0.1, -0.4, 1.2}, {-0.6, 0.4, 0.0, 0.2, 0.3}};
        int[] labels = {0, 0, 2};
        int draws = 200_000;
        Random noise = new Random(8);
        for (int r = 0; r < rows.length; r++) {
            double[] s = rows[r];
            int wins = 0;
            for (int d = 0; d < draws; d++) {
                int best = 0;
                double bestScore = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < s.length; k++) {
                    double score = s[k] + sigma * noise.nextGaussian();
                    if (score > bestScore) {
                        bestScore = score;
                        best = k;
                    }
                }
                wins += best == labels[r] ? 1 : 0;
            }
            double estimate = (double) wins / draws;
            double standardError = Math.sqrt(estimate * (1 - estimate) / draws);
            double value = Losses.exact(sigma).compute(s, Targets.classes(new int[] {labels[r]}, s.length),
                    Reduction.SUM, new double[s.length]);
            assertEquals(estimate, 1 - value, 4 * standardError,
                    "row " + r + ": Monte Carlo accuracy " + estimate + " ± " + standardError);
        }
    }

    @Test
    void aSmallSigmaApproachesTheZeroOneLoss() {
        // Rows 0 and 1 are right by at least 0.5, rows 2 and 3 wrong by at least 0.5.
        double[][] rows = {{2, 1, 0.5}, {1.5, -1, 0.2}, {0, 3, 1}, {0.4, 1.9, 1.2}};
        int[] labels = {0, 0, 0, 2};
        double[] zeroOne = {0, 0, 1, 1};
        for (int r = 0; r < rows.length; r++) {
            Targets target = Targets.classes(new int[] {labels[r]}, 3);
            double previousGap = Double.POSITIVE_INFINITY;
            for (double sigma : new double[] {0.3, 0.1, 0.03, 0.01}) {
                double value = Losses.exact(sigma).compute(rows[r], target, Reduction.SUM, new double[3]);
                double gap = Math.abs(value - zeroOne[r]);
                assertTrue(gap < previousGap || gap == 0, "row " + r + ": σ = " + sigma + " leaves the loss at " + value);
                previousGap = gap;
            }
            assertTrue(previousGap < 1e-12, "row " + r + ": at σ = 0.01 the loss is the 0/1 loss, but differs by " + previousGap);
        }
    }

    @Test
    void theNoiseScaleScalesThroughWrappers() {
        assertEquals("exact(sigma=0.5)", Losses.exact(2).withNoiseScaled(0.25).spec());
        assertEquals("flooding(b=0.1, loss=exact(sigma=1))",
                Losses.parse("flooding(b=0.1, loss=exact(sigma=2))").withNoiseScaled(0.5).spec());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> Losses.focal(2).withNoiseScaled(0.5));
        assertTrue(none.getMessage().contains("focal(gamma=2) has no noise scale"), none.getMessage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> Losses.exact(1).withNoiseScaled(0));
        assertTrue(zero.getMessage().contains("factor must be a finite number > 0, but is 0.0"), zero.getMessage());
    }
}
