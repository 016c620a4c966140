package io.losslab.train;

import java.io.Serializable;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The layout of a fully connected network in one flat parameter array.
 *
 * <p>Layer l (1 … L) maps {@code sizes[l-1]} inputs to {@code sizes[l]} outputs with an
 * {@code (sizes[l-1] + 1) × sizes[l]} matrix whose last row is the bias: every activation carries a
 * constant 1, so one matrix product computes the affine map and its gradient the bias gradient,
 * with no separate broadcast or reduction. The matrices lie one after another in a single array,
 * so an optimiser updates every parameter with a few operations on that array.
 */
final class Network implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int[] sizes;
    private final long[] offsets;

    /** @param sizes inputs, hidden widths, classes */
    Network(int[] sizes) {
        this.sizes = sizes.clone();
        this.offsets = new long[sizes.length];
        for (int l = 1; l < sizes.length; l++) {
            offsets[l] = offsets[l - 1] + (long) (sizes[l - 1] + 1) * sizes[l];
        }
    }

    /** Number of layers L (matrix products), 1 for softmax regression. */
    int layers() {
        return sizes.length - 1;
    }

    /** Width of layer l's output; {@code width(0)} is the number of inputs. */
    int width(int l) {
        return sizes[l];
    }

    int[] sizes() {
        return sizes.clone();
    }

    long parameterCount() {
        return offsets[sizes.length - 1];
    }

    /**
     * Parameters drawn as PyTorch's {@code nn.Linear} draws them, weights and bias uniform in
     * {@code ±1/√fan_in}, from a seeded generator so that the same seed gives the same network on
     * every backend.
     */
    INDArray initialParameters(SplittableRandom random) {
        float[] values = new float[Math.toIntExact(parameterCount())];
        for (int l = 1; l < sizes.length; l++) {
            double bound = 1 / Math.sqrt(sizes[l - 1]);
            for (int i = (int) offsets[l - 1]; i < offsets[l]; i++) {
                values[i] = (float) ((2 * random.nextDouble() - 1) * bound);
            }
        }
        return Nd4j.create(values, new long[] {values.length}, DataType.FLOAT);
    }

    /** Layer l's matrix (bias row included) as a view of {@code flat}, for l in 1 … L. */
    INDArray matrix(INDArray flat, int l) {
        return view(flat, offsets[l - 1], sizes[l - 1] + 1, sizes[l]);
    }

    /** Layer l's matrix without its bias row: the weights a gradient flows back through. */
    INDArray weights(INDArray flat, int l) {
        return view(flat, offsets[l - 1], sizes[l - 1], sizes[l]);
    }

    private static INDArray view(INDArray flat, long offset, long rows, long columns) {
        return Nd4j.create(flat.data(), new long[] {rows, columns}, new long[] {columns, 1}, flat.offset() + offset, 'c');
    }

    @Override
    public String toString() {
        return Arrays.toString(sizes);
    }
}
