package io.losslab.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Intervals against Student's t quantiles from printed tables, and paired tests on constructed data. */
class ConfidenceIntervalTest {

    @Test
    void tQuantilesMatchTheTables() {
        assertEquals(12.7062, ConfidenceInterval.tQuantile(0.975, 1), 1e-4);
        assertEquals(2.7764, ConfidenceInterval.tQuantile(0.975, 4), 1e-4);
        assertEquals(2.2622, ConfidenceInterval.tQuantile(0.975, 9), 1e-4);
        assertEquals(1.9600, ConfidenceInterval.tQuantile(0.975, 100_000), 1e-3, "t tends to the normal");
    }

    @Test
    void fiveMeasurementsGiveTheirStudentInterval() {
        // mean 3, s² = 10/4, standard error √(2.5/5) = √0.5; t(0.975; 4) = 2.7764 from the table
        ConfidenceInterval ci = ConfidenceInterval.of95(new double[] {1, 2, 3, 4, 5});
        assertEquals(3, ci.mean(), 1e-12);
        assertEquals(2.7764 * Math.sqrt(0.5), ci.halfWidth(), 1e-4);
        assertEquals(5, ci.count());
        assertEquals("3.000 ± 1.963", ci.toString());
        assertEquals(ci.mean() - ci.halfWidth(), ci.lower(), 0);
    }

    @Test
    void undefinedMeasurementsAreLeftOutAndOneHasNoInterval() {
        ConfidenceInterval one = ConfidenceInterval.of95(new double[] {0.5, Double.NaN});
        assertEquals(1, one.count());
        assertTrue(Double.isNaN(one.halfWidth()));
        assertEquals("0.500", one.toString());
        assertEquals("–", ConfidenceInterval.of95(new double[] {Double.NaN}).toString());
        assertEquals(0, ConfidenceInterval.of95(new double[] {0.25, 0.25, 0.25}).halfWidth(), 0);
    }

    @Test
    void aWiderLevelGivesAWiderInterval() {
        double[] values = {0.70, 0.74, 0.77, 0.72, 0.75};
        assertTrue(ConfidenceInterval.of(values, 0.99).halfWidth() > ConfidenceInterval.of95(values).halfWidth());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> ConfidenceInterval.of(values, 95));
        assertTrue(bad.getMessage().contains("95"), bad.getMessage());
    }

    @Test
    void pairedTestOfAConstantShiftWithNoise() {
        // differences 1..5: mean 3, t = 3 / √0.5 = 4.2426 with 4 degrees of freedom; the two-sided
        // p-value 0.013236 is the integral of the t density beyond ±4.2426, computed independently.
        double[] b = {0.60, 0.71, 0.55, 0.80, 0.66};
        double[] a = new double[5];
        for (int i = 0; i < 5; i++) {
            a[i] = b[i] + (i + 1);
        }
        PairedTTest test = PairedTTest.of(a, b);
        assertEquals(3, test.meanDifference(), 1e-12);
        assertEquals(3 / Math.sqrt(0.5), test.t(), 1e-9);
        assertEquals(0.013236, test.pValue(), 1e-6);
        assertTrue(test.significantAt(0.05));
        assertTrue(!test.significantAt(0.01));
        assertEquals("+3.000 (p = 0.013, 5 pairs)", test.toString());
        assertEquals("p < 0.001", PairedTTest.describeP(0.0004));
        PairedTTest reversed = PairedTTest.of(b, a);
        assertEquals(-test.t(), reversed.t(), 1e-12);
        assertEquals(test.pValue(), reversed.pValue(), 1e-15);
    }

    @Test
    void pairingSeesWhatTwoOverlappingIntervalsHide() {
        // The seeds move both methods a lot; a beats b on every seed by a little.
        double[] b = {0.60, 0.80, 0.50, 0.90, 0.70};
        double[] a = {0.62, 0.81, 0.53, 0.91, 0.72};
        ConfidenceInterval ia = ConfidenceInterval.of95(a);
        ConfidenceInterval ib = ConfidenceInterval.of95(b);
        assertTrue(ia.lower() < ib.upper(), "the intervals overlap");
        assertTrue(PairedTTest.of(a, b).significantAt(0.05), "the paired test still finds the difference");
    }

    @Test
    void pairsWithAnUndefinedSideAreLeftOut() {
        PairedTTest test = PairedTTest.of(new double[] {1, Double.NaN, 3}, new double[] {0, 5, Double.NaN});
        assertEquals(1, test.pairs());
        assertTrue(Double.isNaN(test.pValue()));
        PairedTTest same = PairedTTest.of(new double[] {1, 2}, new double[] {1, 2});
        assertEquals(1, same.pValue(), 0);
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> PairedTTest.of(new double[2], new double[3]));
        assertTrue(bad.getMessage().contains("2 and 3"), bad.getMessage());
    }
}
