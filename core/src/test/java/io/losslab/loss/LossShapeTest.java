package io.losslab.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.losslab.data.Normal;
import org.junit.jupiter.api.Test;

/** The loss-shape curves the plots draw: value and gradient weight against p_y. */
class LossShapeTest {

    private static final double[] GRID = LossShape.grid(9);

    @Test
    void gridIsStrictlyInsideTheUnitInterval() {
        assertArrayEquals(new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9}, GRID, 1e-12);
    }

    @Test
    void ceHasUnitWeightAndMinusLogValue() {
        LossShape shape = LossShape.of(Losses.ce(), 3, 1, GRID);
        for (int i = 0; i < GRID.length; i++) {
            assertEquals(-Math.log(GRID[i]), shape.value()[i], 1e-9);
            assertEquals(1.0, shape.gradientWeight()[i], 1e-9);
        }
    }

    @Test
    void focalWeightIsTheClosedForm() {
        double gamma = 2;
        LossShape shape = LossShape.of(Losses.focal(gamma), 2, 0, GRID);
        for (int i = 0; i < GRID.length; i++) {
            double p = GRID[i];
            double q = 1 - p;
            double expected = Math.pow(q, gamma) - gamma * p * Math.pow(q, gamma - 1) * Math.log(p);
            assertEquals(expected, shape.gradientWeight()[i], 1e-9, "p_y = " + p);
            assertEquals(-Math.pow(q, gamma) * Math.log(p), shape.value()[i], 1e-9);
        }
        assertTrue(shape.gradientWeight()[8] < shape.gradientWeight()[0], "focal turns down confident examples");
    }

    @Test
    void exactIsTheNormalTailOfTheMarginInTwoClasses() {
        double sigma = 0.7;
        LossShape shape = LossShape.of(Losses.exact(sigma), 2, 0, GRID);
        for (int i = 0; i < GRID.length; i++) {
            double p = GRID[i];
            // The margin s_y - s_other is log(p / (1 - p)); its noise has standard deviation σ√2.
            double spread = sigma * Math.sqrt(2);
            double standardised = Math.log(p / (1 - p)) / spread;
            assertEquals(1 - Normal.cdf(standardised), shape.value()[i], 1e-9, "p_y = " + p);
            assertEquals(Normal.density(standardised) / spread / (1 - p), shape.gradientWeight()[i], 1e-9, "p_y = " + p);
        }
        assertTrue(shape.gradientWeight()[0] < shape.gradientWeight()[4], "a hopeless example is all but given up");
    }

    @Test
    void softTruncationFadesOnceAnExampleIsClearlyRight() {
        LossShape shape = LossShape.of(Losses.softTruncation(4), 2, 0, GRID);
        double[] weight = shape.gradientWeight();
        String weights = java.util.Arrays.toString(weight);
        assertEquals(1, weight[0], 0.05, "a wrong example is pushed like ce: " + weights);
        assertTrue(weight[6] < weight[4] && weight[8] < weight[6], "past p_y = 0.5 the weight falls: " + weights);
        assertTrue(weight[8] < 0.01, "a clearly right example is all but ignored: " + weights);
        double p = 0.9;
        double x = Math.log(p / (1 - p));
        double expectedValue = -sigmoid(-4 * x) * Math.log(sigmoid(x)) - sigmoid(4 * -Math.log(9)) * Math.log(sigmoid(Math.log(9)));
        assertEquals(expectedValue, shape.value()[8], 1e-9, "the per-class sigmoid loss at σ(s_y) = 0.9, σ(s_other) = 0.1");
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    @Test
    void logitAdjustmentWeighsTailClassesMore() {
        Loss adjusted = Losses.logitAdjusted(1).withClassCounts(new long[] {900, 100});
        double headWeight = LossShape.of(adjusted, 2, 0, GRID).gradientWeight()[4];
        double tailWeight = LossShape.of(adjusted, 2, 1, GRID).gradientWeight()[4];
        assertTrue(tailWeight > 1 && headWeight < 1, "head " + headWeight + ", tail " + tailWeight);
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> LossShape.of(Losses.ce(), 1, 0, GRID));
        assertThrows(IllegalArgumentException.class, () -> LossShape.of(Losses.ce(), 3, 3, GRID));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LossShape.of(Losses.ce(), 3, 0, new double[] {0.5, 1.0}));
        assertTrue(e.getMessage().contains("targetProbabilities[1] = 1.0"), e.getMessage());
    }
}
