package io.losslab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Arrays for the network tests: seeded normal matrices, and a comparison within a tolerance. */
final class TestArrays {

    private TestArrays() {
    }

    /** A {@code rows × columns} float matrix of standard normal values drawn from {@code seed}. */
    static INDArray randomMatrix(int rows, int columns, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[rows * columns];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return Nd4j.create(values, new long[] {rows, columns}, DataType.FLOAT);
    }

    /** Each value within {@code 1e-5 + relative · |expected|} of the expected one. */
    static void assertClose(float[] expected, float[] actual, double relative, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5 + relative * Math.abs(expected[i]), what + " " + i);
        }
    }
}
