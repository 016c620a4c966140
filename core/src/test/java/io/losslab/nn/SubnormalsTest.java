package io.losslab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Optimiser state below the flush threshold (subnormal, or near enough to become so within a
 * period) is set to zero, within the range asked for; everything else is kept.
 */
class SubnormalsTest {

    @Test
    void flushZeroesWhatIsBelowTheThresholdAndKeepsTheRest() {
        float[] values = {Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL / 2, -Float.MIN_NORMAL, 9e-31f,
            -1e-31f, 1e-30f, -2e-30f, -2.5f, 0f};
        Subnormals.flush(values, 0, values.length);
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 1e-30f, -2e-30f, -2.5f, 0}, values);
    }

    @Test
    void flushTouchesOnlyItsRange() {
        float[] values = {Float.MIN_VALUE, 1e-35f, 1e-35f, Float.MIN_VALUE};
        Subnormals.flush(values, 1, 3);
        assertArrayEquals(new float[] {Float.MIN_VALUE, 0, 0, Float.MIN_VALUE}, values);
    }

    @Test
    void aMomentAtTheThresholdStaysNormalForAWholePeriodOfAdamsFastestDecay() {
        float moment = Subnormals.THRESHOLD;
        for (int step = 0; step < Subnormals.PERIOD; step++) {
            moment *= 0.9f;
        }
        assertTrue(moment >= Float.MIN_NORMAL, "0.9^64 of the threshold is " + moment);
    }
}
