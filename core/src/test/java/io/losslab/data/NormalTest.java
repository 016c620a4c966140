package io.losslab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Φ, erfc and the chi tail against independent values: Φ from Python's {@code math.erfc}, the chi
 * tails from their textbook closed forms for 1, 2 and 3 degrees of freedom.
 */
class NormalTest {

    @Test
    void cdfMatchesReferenceValues() {
        assertRelative(0.02500000000000002, Normal.cdf(-1.959963984540054), 1e-13);
        assertRelative(0.15865525393145707, Normal.cdf(-1), 1e-14);
        assertRelative(0.0013498980316300957, Normal.cdf(-3), 1e-13);
        assertRelative(9.865876450377012e-10, Normal.cdf(-6), 1e-12);
        assertRelative(0.006209665325776139, Normal.cdf(-2.5), 1e-13);
        assertRelative(0.460172162722971, Normal.cdf(-0.1), 1e-14);
        assertRelative(0.6914624612740131, Normal.cdf(0.5), 1e-14);
        assertEquals(0.5, Normal.cdf(0), 1e-16);
    }

    @Test
    void erfcIsContinuousWhereTheMethodsMeet() {
        double below = Normal.erfc(Math.nextDown(1.5));
        double above = Normal.erfc(1.5);
        assertRelative(above, below, 1e-14);
        assertRelative(0.033894853524689274, above, 1e-14);
        assertRelative(4.069520174449589e-4, Normal.erfc(2.5), 1e-14);
        assertRelative(1.5374597944280351e-12, Normal.erfc(5), 1e-14);
        assertRelative(1.9999999999984626, Normal.erfc(-5), 1e-15);
    }

    @Test
    void quantileInvertsCdf() {
        assertEquals(-1.959963984540054, Normal.quantile(0.025), 1e-12);
        for (double x : new double[] {-5, -1.3, 0, 0.7, 3}) {
            assertEquals(x, Normal.quantile(Normal.cdf(x)), 1e-10);
        }
    }

    @Test
    void chiTailMatchesClosedForms() {
        for (double t : new double[] {0.1, 0.8, 1.7, 3.2, 6}) {
            assertRelative(2 * Normal.cdf(-t), Normal.chiUpperTail(1, t), 1e-12);
            assertRelative(Math.exp(-t * t / 2), Normal.chiUpperTail(2, t), 1e-12);
            double maxwell = 2 * Normal.cdf(-t) + Math.sqrt(2 / Math.PI) * t * Math.exp(-t * t / 2);
            assertRelative(maxwell, Normal.chiUpperTail(3, t), 1e-12);
            double fourDegrees = Math.exp(-t * t / 2) * (1 + t * t / 2);
            assertRelative(fourDegrees, Normal.chiUpperTail(4, t), 1e-12);
        }
        assertEquals(1.0, Normal.chiUpperTail(5, 0));
        assertEquals(0.0, Normal.chiUpperTail(5, Double.POSITIVE_INFINITY));
    }

    private static void assertRelative(double expected, double actual, double tolerance) {
        assertEquals(expected, actual, tolerance * Math.abs(expected), "relative error above " + tolerance);
    }
}
