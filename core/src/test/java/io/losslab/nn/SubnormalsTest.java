package io.losslab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** Optimiser state below the smallest normal float is set to zero; everything else is kept. */
class SubnormalsTest {

    @Test
    void flushZeroesSubnormalsAndKeepsNormalValues() {
        float[] values = {Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL / 2, -Float.MIN_NORMAL / 3,
            Float.MIN_NORMAL, -Float.MIN_NORMAL, 1e-30f, -2.5f, 0f};
        Subnormals.flush(values);
        assertArrayEquals(new float[] {0, 0, 0, 0, Float.MIN_NORMAL, -Float.MIN_NORMAL, 1e-30f, -2.5f, 0}, values);
    }
}
