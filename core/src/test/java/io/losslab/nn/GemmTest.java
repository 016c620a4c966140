package io.losslab.nn;

import static io.losslab.nn.TestArrays.assertClose;
import static io.losslab.nn.TestArrays.randomMatrix;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A product on the host gives what ND4J's matrix multiplication gives, to the bit, and what the
 * definition gives, on whole arrays and on the views a network's products use: rows further down a
 * buffer, and matrices cut out of a flat parameter array.
 */
class GemmTest {

    @Test
    void hostProductEqualsNd4jOpAndTheDefinitionForEveryTranspose() {
        for (boolean transposeA : new boolean[] {false, true}) {
            for (boolean transposeB : new boolean[] {false, true}) {
                INDArray a = transposeA ? randomMatrix(7, 5, 1) : randomMatrix(5, 7, 1);
                INDArray b = transposeB ? randomMatrix(3, 7, 2) : randomMatrix(7, 3, 2);
                assertProduct(a, b, transposeA, transposeB, Nd4j.create(DataType.FLOAT, 5, 3),
                        Nd4j.create(DataType.FLOAT, 5, 3));
            }
        }
    }

    @Test
    void hostProductReadsAndWritesViewsWhereTheyStart() {
        INDArray batch = randomMatrix(12, 4, 3);
        INDArray laterRows = batch.get(NDArrayIndex.interval(8, 12), NDArrayIndex.all());
        Layout layout = new Layout(new int[] {4, 3, 5}, false);
        INDArray flat = randomMatrix(1, layout.parameterCount(), 4);
        INDArray secondLayer = layout.matrix(flat, 2);
        INDArray out = Nd4j.create(DataType.FLOAT, 10, 5);
        INDArray expected = Nd4j.create(DataType.FLOAT, 10, 5);
        assertProduct(laterRows, secondLayer, false, false, out.get(NDArrayIndex.interval(6, 10), NDArrayIndex.all()),
                expected.get(NDArrayIndex.interval(6, 10), NDArrayIndex.all()));
        assertEquals(0, out.get(NDArrayIndex.interval(0, 6), NDArrayIndex.all()).norm1Number().doubleValue(),
                "the rows before the view are left alone");
    }

    @Test
    void hostProductRefusesDoubles() {
        INDArray doubles = Nd4j.create(DataType.DOUBLE, 2, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Gemm.of(Elementwise.HOST_LOOPS,
                doubles, Nd4j.create(DataType.FLOAT, 2, 2), Nd4j.create(DataType.FLOAT, 2, 2), false, false));
        assertTrue(e.getMessage().contains("A is DOUBLE"), e.getMessage());
    }

    /** Runs the host product into {@code host} and ND4J's into {@code op}, and checks both. */
    private static void assertProduct(INDArray a, INDArray b, boolean transposeA, boolean transposeB, INDArray host,
            INDArray op) {
        Gemm.of(Elementwise.HOST_LOOPS, a, b, host, transposeA, transposeB).run();
        Gemm.of(Elementwise.DEVICE_OPS, a, b, op, transposeA, transposeB).run();
        String what = "op(A)·op(B), transposes " + transposeA + ", " + transposeB;
        assertArrayEquals(op.dup('c').data().asFloat(), host.dup('c').data().asFloat(), what + ": host against ND4J");
        INDArray left = transposeA ? a.transpose() : a;
        INDArray right = transposeB ? b.transpose() : b;
        assertClose(definition(left, right), host.dup('c').data().asFloat(), 1e-5, what + ": against the definition");
    }

    private static float[] definition(INDArray left, INDArray right) {
        int rows = (int) left.rows();
        int columns = (int) right.columns();
        float[] product = new float[rows * columns];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                double sum = 0;
                for (int k = 0; k < left.columns(); k++) {
                    sum += left.getDouble(i, k) * right.getDouble(k, j);
                }
                product[i * columns + j] = (float) sum;
            }
        }
        return product;
    }
}
