package io.losslab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Φ, erfc and the chi tail against independent values: Φ and φ from Python's {@code math.erfc} and
 * mpmath, the tabulated Φ against erfc between its grid points, the chi tails from their textbook
 * closed forms for 1, 2 and 3 degrees of freedom.
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
    void cdfIsAccurateBetweenTheGridPointsAndInTheTails() {
        // Values from mpmath at 40 digits; -37.3 and -8.123456 lie between grid points, 3.0078125 on one.
        assertRelative(2.7536241186062337e-89, Normal.cdf(-20), 1e-13);
        assertRelative(8.205494844929903e-305, Normal.cdf(-37.3), 1e-12);
        assertRelative(2.2654652769177804e-16, Normal.cdf(-8.123456), 5e-14);
        assertRelative(0.500398942213911, Normal.cdf(0.001), 1e-15);
        assertRelative(0.9986843228415908, Normal.cdf(3.0078125), 1e-15);
        assertEquals(1.0, Normal.cdf(8.3));
    }

    @Test
    void cdfAgreesWithErfcWhereverItIsANormalDoubleBelowOne() {
        Random random = new Random(4);
        for (int i = 0; i < 100_000; i++) {
            double x = -37.5 + 45.9 * random.nextDouble();
            double fromErfc = 0.5 * Normal.erfc(-x / Math.sqrt(2));
            // erfc is good to about 2e-14 near x = -2, and both lose about x² · 1e-16 to the rounding of x.
            assertRelative(fromErfc, Normal.cdf(x), 3e-14 + 1e-15 * x * x);
        }
    }

    @Test
    void cdfAtTheEnds() {
        assertEquals(0.0, Normal.cdf(-39));
        assertEquals(0.0, Normal.cdf(Double.NEGATIVE_INFINITY));
        assertEquals(1.0, Normal.cdf(9));
        assertEquals(1.0, Normal.cdf(Double.POSITIVE_INFINITY));
        assertTrue(Double.isNaN(Normal.cdf(Double.NaN)));
    }

    @Test
    void densityMatchesReferenceValues() {
        assertRelative(1 / Math.sqrt(2 * Math.PI), Normal.density(0), 1e-15);
        assertRelative(0.24197072451914334, Normal.density(1), 1e-15);
        assertRelative(5.520948362159764e-88, Normal.density(-20), 1e-13);
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
