package io.losslab.loss;

import java.nio.Buffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * N×K logits and the N×K gradient beside them, on the host, in row-major order and of one data
 * type: either Java arrays of the caller or the buffers of ND4J arrays seen in place.
 */
final class HostBatch {

    private final DataType type;
    private final int rows;
    private final int classes;
    private final Buffer logits;
    private final Buffer gradient;

    private HostBatch(DataType type, int rows, int classes, Buffer logits, Buffer gradient) {
        this.type = type;
        this.rows = rows;
        this.classes = classes;
        this.logits = logits;
        this.gradient = gradient;
    }

    /** Float32 arrays of {@code rows × classes} entries each. */
    static HostBatch of(float[] logits, float[] gradient, int rows, int classes) {
        return new HostBatch(DataType.FLOAT, rows, classes, FloatBuffer.wrap(logits), FloatBuffer.wrap(gradient));
    }

    /** Float64 arrays of {@code rows × classes} entries each. */
    static HostBatch of(double[] logits, double[] gradient, int rows, int classes) {
        return new HostBatch(DataType.DOUBLE, rows, classes, DoubleBuffer.wrap(logits), DoubleBuffer.wrap(gradient));
    }

    /**
     * The buffers of two row-major N×K ND4J arrays of the same data type, each at the start of its
     * own buffer, on the host.
     */
    static HostBatch of(INDArray logits, INDArray gradient) {
        DataType type = logits.dataType();
        int rows = (int) logits.rows();
        int classes = (int) logits.columns();
        return type == DataType.FLOAT
                ? new HostBatch(type, rows, classes, logits.data().asNioFloat(), gradient.data().asNioFloat())
                : new HostBatch(type, rows, classes, logits.data().asNioDouble(), gradient.data().asNioDouble());
    }

    int rows() {
        return rows;
    }

    int classes() {
        return classes;
    }

    /** A fresh scratch row over these buffers, for one thread. */
    LogitRow newRow() {
        return type == DataType.FLOAT
                ? new FloatRow((FloatBuffer) logits, (FloatBuffer) gradient, classes)
                : new DoubleRow((DoubleBuffer) logits, (DoubleBuffer) gradient, classes);
    }

    /**
     * The gradient buffer as the logits of a second pass, which loads each row of the gradient
     * written by a first pass and stores it back in its place.
     */
    HostBatch overGradient() {
        return new HostBatch(type, rows, classes, gradient, gradient);
    }

    /** How many logits are NaN, and how many infinite. */
    long[] countNonFinite() {
        long nan = 0;
        long infinite = 0;
        for (int i = 0; i < rows * classes; i++) {
            double x = type == DataType.FLOAT ? ((FloatBuffer) logits).get(i) : ((DoubleBuffer) logits).get(i);
            nan += Double.isNaN(x) ? 1 : 0;
            infinite += Double.isInfinite(x) ? 1 : 0;
        }
        return new long[] {nan, infinite};
    }
}
