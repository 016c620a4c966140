package io.losslab.nn;

import java.io.Serializable;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The layout of a fully connected network in one flat parameter array.
 *
 * <p>Layer l (1 … L) maps {@code sizes[l-1]} inputs to {@code sizes[l]} outputs with an
 * {@code (sizes[l-1] + 1) × sizes[l]} c-order matrix whose last row is the bias: every activation
 * carries a constant 1, so one matrix product computes the affine map and its gradient the bias
 * gradient, with no separate broadcast or reduction. The matrices lie one after another in a
 * single array, so an optimiser updates every parameter in one loop.
 *
 * <p>A cosine head has no bias: its last matrix is {@code sizes[L-1] × sizes[L]}, one weight
 * column per output, so that every parameter of the layout is one the output depends on.
 *
 * <pre>{@code
 * Layout layout = new Layout(new int[] {784, 256, 10}, false);
 * float[] initial = layout.initialParameters(new SplittableRandom(1));
 * }</pre>
 */
public final class Layout implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int[] sizes;
    private final boolean cosineHead;
    private final int[] offsets;

    /**
     * @param sizes      inputs, hidden widths, outputs
     * @param cosineHead whether the last layer computes cosines (no bias) rather than an affine map
     * @throws IllegalArgumentException for a cosine head without a hidden layer to normalise
     */
    public Layout(int[] sizes, boolean cosineHead) {
        if (cosineHead && sizes.length < 3) {
            throw new IllegalArgumentException("a cosine head needs a hidden layer, but the layers are "
                    + Arrays.toString(sizes));
        }
        this.sizes = sizes.clone();
        this.cosineHead = cosineHead;
        this.offsets = new int[sizes.length];
        for (int l = 1; l < sizes.length; l++) {
            offsets[l] = Math.addExact(offsets[l - 1], Math.multiplyExact(rows(l), sizes[l]));
        }
    }

    /**
     * The layout of an MLP with {@code inputs} inputs, hidden layers of {@code hidden} widths and
     * {@code outputs} outputs.
     *
     * @throws IllegalArgumentException as {@link #Layout(int[], boolean)}
     */
    public static Layout of(int inputs, int[] hidden, int outputs, boolean cosineHead) {
        int[] sizes = new int[hidden.length + 2];
        sizes[0] = inputs;
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        sizes[sizes.length - 1] = outputs;
        return new Layout(sizes, cosineHead);
    }

    /** Rows of layer l's matrix: its inputs, plus the bias row unless it is a cosine head. */
    int rows(int l) {
        return sizes[l - 1] + (hasBias(l) ? 1 : 0);
    }

    /** Whether layer l's matrix ends in a bias row. */
    boolean hasBias(int l) {
        return !cosineHead || l < layers();
    }

    /** Whether the last layer computes cosines between the last hidden layer and its weight columns. */
    public boolean cosineHead() {
        return cosineHead;
    }

    /** Number of layers L (matrix products), 1 for softmax regression. */
    public int layers() {
        return sizes.length - 1;
    }

    /** Width of layer l's output; {@code width(0)} is the number of inputs. */
    public int width(int l) {
        return sizes[l];
    }

    /** Widths from input to output. */
    public int[] sizes() {
        return sizes.clone();
    }

    /** Where layer l's matrix (l = 1 … L) starts in the flat parameters. */
    public int offset(int l) {
        return offsets[l - 1];
    }

    /** The number of parameters of all layers. */
    public int parameterCount() {
        return offsets[sizes.length - 1];
    }

    /**
     * Parameters drawn as PyTorch's {@code nn.Linear} draws them, weights and bias uniform in
     * {@code ±1/√fan_in}, from a seeded generator so that the same seed gives the same network on
     * every backend.
     */
    public float[] initialParameters(SplittableRandom random) {
        float[] values = new float[parameterCount()];
        for (int l = 1; l < sizes.length; l++) {
            double bound = 1 / Math.sqrt(sizes[l - 1]);
            for (int i = offsets[l - 1]; i < offsets[l]; i++) {
                values[i] = (float) random.nextDouble(-bound, bound);
            }
        }
        return values;
    }

    /** Layer l's matrix (bias row included, if it has one) as a view of {@code flat}, for l in 1 … L. */
    public INDArray matrix(INDArray flat, int l) {
        return view(flat, offsets[l - 1], rows(l), sizes[l]);
    }

    /** Layer l's matrix without its bias row: the weights a gradient flows back through. */
    public INDArray weights(INDArray flat, int l) {
        return view(flat, offsets[l - 1], sizes[l - 1], sizes[l]);
    }

    private static INDArray view(INDArray flat, long offset, long rows, long columns) {
        return Nd4j.create(flat.data(), new long[] {rows, columns}, new long[] {columns, 1}, flat.offset() + offset, 'c');
    }

    @Override
    public String toString() {
        return Arrays.toString(sizes) + (cosineHead ? " cosine head" : "");
    }
}
