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
 *
 * <p>A {@link NdTrainer.Head#COSINE cosine head} has no bias: its last matrix is
 * {@code sizes[L-1] × sizes[L]}, one weight column per class, so that every parameter of the
 * layout is one the output depends on.
 */
final class Network implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int[] sizes;
    private final NdTrainer.Head head;
    private final long[] offsets;

    /**
     * @param sizes inputs, hidden widths, classes
     * @param head  what the last layer computes; a cosine head needs a hidden layer
     */
    Network(int[] sizes, NdTrainer.Head head) {
        if (head == NdTrainer.Head.COSINE && sizes.length < 3) {
            throw new IllegalArgumentException("a cosine head needs a hidden layer, but the layers are "
                    + Arrays.toString(sizes));
        }
        this.sizes = sizes.clone();
        this.head = head;
        this.offsets = new long[sizes.length];
        for (int l = 1; l < sizes.length; l++) {
            offsets[l] = offsets[l - 1] + (long) rows(l) * sizes[l];
        }
    }

    /** Rows of layer l's matrix: its inputs, plus the bias row unless it is a cosine head. */
    private int rows(int l) {
        return sizes[l - 1] + (hasBias(l) ? 1 : 0);
    }

    /** Whether layer l's matrix ends in a bias row. */
    boolean hasBias(int l) {
        return head() == NdTrainer.Head.LINEAR || l < layers();
    }

    /** The output layer; a network serialised before heads existed has none, and is linear. */
    NdTrainer.Head head() {
        return head == null ? NdTrainer.Head.LINEAR : head;
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

    /** Layer l's matrix (bias row included, if it has one) as a view of {@code flat}, for l in 1 … L. */
    INDArray matrix(INDArray flat, int l) {
        return view(flat, offsets[l - 1], rows(l), sizes[l]);
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
        return Arrays.toString(sizes) + (head() == NdTrainer.Head.COSINE ? " cosine head" : "");
    }
}
