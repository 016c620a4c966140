package io.losslab.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Expected calibration error and reliability bins on predictions placed by hand. */
class CalibrationTest {

    @Test
    void eceWeighsEachBinsGapByItsShare() {
        // Bin (0.6, 0.8]: confidences 0.7, 0.7, accuracy 1/2 — gap 0.2, share 2/4.
        // Bin (0.8, 1.0]: confidences 0.9, 1.0, accuracy 1 — gap 0.05, share 2/4.
        Calibration c = Calibration.of(new double[] {0.7, 0.7, 0.9, 1.0}, new boolean[] {true, false, true, true}, 5);
        assertEquals(0.5 * 0.2 + 0.5 * 0.05, c.expectedCalibrationError(), 1e-12);
        assertArrayEquals(new long[] {0, 0, 0, 2, 2}, c.binCount());
        assertEquals(0.7, c.binConfidence()[3], 1e-12);
        assertEquals(0.5, c.binAccuracy()[3], 1e-12);
        assertTrue(Double.isNaN(c.binConfidence()[0]) && Double.isNaN(c.binAccuracy()[0]), "an empty bin is NaN");
    }

    @Test
    void binsAreClosedOnTheRight() {
        // With 15 bins, 1/15 belongs to the first bin, a hair above it to the second, 0 to the first, 1 to the last.
        Calibration c = Calibration.of(new double[] {0, 1.0 / 15, 1.0 / 15 + 1e-9, 1},
                new boolean[] {true, true, true, true}, Calibration.DEFAULT_BINS);
        long[] count = c.binCount();
        assertEquals(15, count.length);
        assertEquals(2, count[0]);
        assertEquals(1, count[1]);
        assertEquals(1, count[14]);
    }

    @Test
    void perfectCalibrationHasZeroError() {
        Calibration c = Calibration.of(new double[] {0.5, 0.5, 1, 1}, new boolean[] {true, false, true, true}, 10);
        assertEquals(0, c.expectedCalibrationError(), 1e-15);
        assertEquals("ECE 0.0000 over 10 bins, 4 predictions", c.toString());
    }

    @Test
    void refusesBadInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Calibration.of(new double[] {1.5}, new boolean[] {true}, 15));
        assertTrue(e.getMessage().contains("confidence[0] = 1.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Calibration.of(new double[] {0.5}, new boolean[] {true}, 0));
        assertTrue(e.getMessage().contains("bins must be at least 1, but is 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Calibration.of(new double[0], new boolean[0], 15));
        assertTrue(e.getMessage().contains("at least one"), e.getMessage());
    }
}
