package io.losslab.diffusion;

import static io.losslab.diffusion.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.losslab.data.GaussianClasses;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The quality measures on cases whose answers are known. */
class QualityTest {

    @Test
    void energyDistanceOfKnownSets() {
        double[][] a = {{0, 0}, {3, 4}, {-1, 2}};
        assertEquals(0, EnergyDistance.between(a, a), 1e-12, "a set against itself");
        assertEquals(10, EnergyDistance.between(new double[][] {{0, 0}, {0, 0}}, new double[][] {{3, 4}}), 1e-12,
                "two point masses 5 apart: 2 · 5");
        // {0} against {-1, 1}: E|X-Y| = 1, E|X-X'| = 0, E|Y-Y'| = (0 + 2 + 2 + 0)/4 = 1.
        assertEquals(1, EnergyDistance.between(new double[][] {{0}}, new double[][] {{-1}, {1}}), 1e-12);
        double[][] b = {{1, 1}, {2, -3}};
        assertEquals(EnergyDistance.between(a, b), EnergyDistance.between(b, a), 1e-12, "symmetric");
        assertEquals(EnergyDistance.between(a, b), EnergyDistance.between(shift(a, 7), shift(b, 7)), 1e-12,
                "translation invariant");
    }

    @Test
    void energyDistanceOfOverlappingUniformsMatchesItsClosedForm() {
        // X ~ U(0, 1), Y ~ U(1/2, 3/2). X - X' is triangular on [-1, 1], so E|X - X'| = 1/3 and
        // E|X - Y| = E|X - X' - 1/2| = 13/24: the energy distance is 2·13/24 - 2/3 = 5/12. Both
        // samples are midpoint grids, where the means over pairs converge like 1/n².
        int n = 2000;
        double[][] x = new double[n][1];
        double[][] y = new double[n][1];
        for (int i = 0; i < n; i++) {
            x[i][0] = (i + 0.5) / n;
            y[i][0] = x[i][0] + 0.5;
        }
        assertEquals(5.0 / 12, EnergyDistance.between(x, y), 1e-5);
    }

    @Test
    void sampleQualityPutsTheDataAtTheFloorAndNoiseAtTheCeiling() {
        // Data around 5: standard normal noise is 5 away from it, samples shifted by 10 twice as far.
        double[][] heldOut = normal(1000, 5, 3);
        double[][] data = normal(1000, 5, 4);
        SampleQuality perfect = SampleQuality.measure(data, heldOut, data, 5);
        assertEquals(perfect.floor(), perfect.energyDistance(), 0);
        assertEquals(0, perfect.relative(), 1e-12);
        assertTrue(perfect.ceiling() > 100 * perfect.floor(), perfect.toString());
        SampleQuality far = SampleQuality.measure(shift(data, 10), heldOut, data, 5);
        assertTrue(far.relative() > 1.5, far.toString());
        assertTrue(far.toString().startsWith("energy distance "), far.toString());
    }

    @Test
    void modeFractionsOfTheMixtureItselfMatchItsWeights() {
        GaussianClasses mixture = Toy2D.imbalancedMixture();
        int n = 20_000;
        ModeFractions fractions = ModeFractions.of(mixture, Points.of(mixture.sample(n, 3)));
        double[] weights = {0.6, 0.25, 0.13, 0.02};
        assertArrayEquals(weights, fractions.weights(), 1e-12);
        for (int k = 0; k < weights.length; k++) {
            double standardError = Math.sqrt(weights[k] * (1 - weights[k]) / n);
            assertEquals(weights[k], fractions.fractions()[k], 5 * standardError, "mode " + k);
        }
        assertTrue(fractions.stray() < 0.002, "stray " + fractions.stray());
        assertTrue(fractions.worstError() < 0.02, fractions.toString());
    }

    @Test
    void modeFractionsSeeAMissingModeAndStraySamples() {
        GaussianClasses mixture = Toy2D.imbalancedMixture();
        // (0.1, 0) is nearest the first mode, at (2, 0), but 1.9 from it: 7.6 standard deviations of 0.25.
        double[][] samples = {mixture.mean(0), mixture.mean(0), mixture.mean(1), {0.1, 0}};
        ModeFractions fractions = ModeFractions.of(mixture, samples);
        assertArrayEquals(new double[] {0.75, 0.25, 0, 0}, fractions.fractions(), 1e-12, "the rare mode got nothing");
        assertEquals(0.25, fractions.stray(), 1e-12);
        assertEquals(0.75 - 0.6, fractions.worstError(), 1e-12);
    }

    @Test
    void badQualityInput() {
        assertRefused(() -> EnergyDistance.between(new double[][] {{1, 2}}, new double[][] {{1, 2, 3}}),
                "b has 3 dimensions, but 2 are needed");
        assertRefused(() -> EnergyDistance.between(new double[0][], new double[][] {{1}}),
                "a must hold at least one point");
        assertRefused(() -> EnergyDistance.between(new double[][] {{1, 2}, {3}}, new double[][] {{1, 2}}),
                "a[1] has 1");
        assertRefused(() -> ModeFractions.of(Toy2D.imbalancedMixture(), new double[][] {{1, 2, 3}}),
                "samples has 3 dimensions, but 2 are needed");
        double[][] oneDimensional = {{1}};
        assertRefused(() -> SampleQuality.measure(oneDimensional, new double[][] {{1, 2}}, oneDimensional, 1),
                "heldOut has 2 dimensions, but 1 are needed");
    }

    private static double[][] normal(int n, double mean, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] points = new double[n][1];
        for (double[] point : points) {
            point[0] = mean + random.nextGaussian();
        }
        return points;
    }

    private static double[][] shift(double[][] points, double by) {
        double[][] out = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            out[i] = points[i].clone();
            for (int d = 0; d < out[i].length; d++) {
                out[i][d] += by;
            }
        }
        return out;
    }}
