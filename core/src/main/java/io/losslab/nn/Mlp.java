package io.losslab.nn;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The forward and backward pass of a network of a {@link Layout} for one batch size, with every
 * buffer allocated once, so that a training step allocates nothing of its own.
 *
 * <p>At a batch of 128, ND4J spends more time dispatching an operation than computing it, so the
 * pass issues few: the input is {@code b × (D + 1)} with a column of ones and the hidden
 * activations are {@code (width + 1) × b} with a row of ones, so each layer is one prepared
 * matrix product (bias included, transposes as flags rather than copies; see {@link Gemm})
 * writing straight into the next activation buffer. The element-wise work between products
 * (activation, dropout, their derivatives, a cosine head's normalisations; see {@link HiddenLayer}
 * and {@link CosineHead}) runs as fused Java loops over host copies of the buffers beside ND4J's
 * CPU backend, or as ND4J operations on the device beside a GPU (see {@link Elementwise}). The
 * logits come out {@code b × K}. Forward and backward through L layers take 3L - 1 products.
 *
 * <p>With a {@link Layout#cosineHead() cosine head} the last hidden layer is the embedding H (no
 * activation, no dropout) and the logits are {@code C = UᵀV}, U the embedding's columns and V the
 * class weights' columns each divided by its norm {@code √(|x|² + ε²)}; see {@link CosineHead}.
 *
 * <pre>{@code
 * Mlp pass = Mlp.forTraining(layout, Activation.RELU, Elementwise.HOST_LOOPS, 128, parameters.array(),
 *         parameters.gradientArray(), false);
 * Nd4j.pullRows(features, pass.inputFeatures(), 1, rows);
 * INDArray logits = pass.forward(0, null);
 * pass.backward(loss.compute(logits, targets, Reduction.MEAN).gradient());
 * }</pre>
 */
public final class Mlp {

    private final Layout layout;
    private final int batch;
    private final int layers;
    private final INDArray input;
    private final INDArray inputFeatures;
    /** A_1 … A_{L-1}: {@code (width + 1) × b}, last row ones. */
    private final INDArray[] hidden;
    /** The first {@code width} rows of each A_l: where the layer's product lands. */
    private final INDArray[] hiddenRows;
    /** The element-wise work of each hidden layer; null for a cosine head's embedding, which has none. */
    private final HiddenLayer[] work;
    private final INDArray logits;
    /** Products of the forward pass: Z_l into A_l's rows for l < L, the logits (or cosines) for L. */
    private final Gemm[] forwardProducts;
    private final CosineHead cosine;
    /** The backward pass's buffers; null for a pass that only predicts. */
    private final Backward backward;
    /** Made on first use: the host input for callers that write it directly, the host logits, mixup's partners. */
    private float[] hostInput;
    private float[] hostLogits;
    private INDArray partners;

    private Mlp(Layout layout, Activation activation, Elementwise elementwise, int batch, INDArray parameters,
            INDArray gradients, boolean dropout) {
        this.layout = layout;
        this.batch = batch;
        this.layers = layout.layers();
        boolean training = gradients != null;
        input = Nd4j.ones(DataType.FLOAT, batch, layout.width(0) + 1);
        inputFeatures = input.get(NDArrayIndex.all(), NDArrayIndex.interval(0, layout.width(0)));
        hidden = new INDArray[layers];
        hiddenRows = new INDArray[layers];
        work = new HiddenLayer[layers];
        for (int l = 1; l < layers; l++) {
            int width = layout.width(l);
            hidden[l] = Nd4j.ones(DataType.FLOAT, width + 1, batch);
            hiddenRows[l] = hidden[l].get(NDArrayIndex.interval(0, width), NDArrayIndex.all());
            boolean embedding = layout.cosineHead() && l == layers - 1;
            work[l] = embedding ? null
                    : HiddenLayer.of(elementwise, activation, hiddenRows[l], training, dropout && training);
        }
        logits = Nd4j.create(DataType.FLOAT, batch, layout.width(layers));
        cosine = layout.cosineHead()
                ? new CosineHead(layout.weights(parameters, layers), batch, training, elementwise) : null;
        forwardProducts = forwardProducts(parameters);
        backward = training ? new Backward(parameters, gradients) : null;
    }

    private Gemm[] forwardProducts(INDArray parameters) {
        Gemm[] products = new Gemm[layers + 1];
        if (layers == 1) {
            products[1] = new Gemm(input, layout.matrix(parameters, 1), logits, false, false);
            return products;
        }
        products[1] = new Gemm(layout.matrix(parameters, 1), input, hiddenRows[1], true, true);
        for (int l = 2; l < layers; l++) {
            products[l] = new Gemm(layout.matrix(parameters, l), hidden[l - 1], hiddenRows[l], true, false);
        }
        products[layers] = cosine == null
                ? new Gemm(hidden[layers - 1], layout.matrix(parameters, layers), logits, true, false)
                : cosine.cosines(logits);
        return products;
    }

    /**
     * Buffers for training batches of {@code batch} examples on {@code parameters}, writing
     * gradients into {@code gradients} (same layout), with dropout masks if asked.
     *
     * @param elementwise {@link Elementwise#HOST_LOOPS} on ND4J's CPU backend, {@link Elementwise#DEVICE_OPS} on a GPU
     */
    public static Mlp forTraining(Layout layout, Activation activation, Elementwise elementwise, int batch,
            INDArray parameters, INDArray gradients, boolean dropout) {
        return new Mlp(layout, activation, elementwise, batch, parameters, gradients, dropout);
    }

    /**
     * Buffers for predicting {@code batch} examples at a time with {@code parameters}.
     *
     * @param elementwise {@link Elementwise#HOST_LOOPS} on ND4J's CPU backend, {@link Elementwise#DEVICE_OPS} on a GPU
     */
    public static Mlp forPrediction(Layout layout, Activation activation, Elementwise elementwise, int batch,
            INDArray parameters) {
        return new Mlp(layout, activation, elementwise, batch, parameters, null, false);
    }

    /** Examples per pass. */
    public int batch() {
        return batch;
    }

    /** The {@code b × D} block the caller fills with the batch's features. */
    public INDArray inputFeatures() {
        return inputFeatures;
    }

    /**
     * The input on the host, for callers that compute it in Java: {@code b} rows of {@code D + 1}
     * values whose last is 1; fill the first D of each row, then call {@link #forwardHostInput()}.
     */
    public float[] hostInput() {
        if (hostInput == null) {
            hostInput = new float[(int) input.length()];
            Host.read(input, hostInput, hostInput.length);
        }
        return hostInput;
    }

    /**
     * Mixup: replaces the input x with {@code λx + (1-λ)x'}, x' the given rows of {@code features}.
     */
    public void mixWith(INDArray features, int[] partnerRows, double lambda) {
        if (partners == null) {
            partners = Nd4j.create(DataType.FLOAT, batch, layout.width(0));
        }
        Nd4j.pullRows(features, partners, 1, partnerRows);
        inputFeatures.muli(lambda).addi(partners.muli(1 - lambda));
    }

    /**
     * The logits of the current input, {@code b × K}, in a buffer the next pass overwrites.
     *
     * @param dropout the drop probability, 0 at prediction time
     * @param random  the generator of the dropout masks; unused when {@code dropout} is 0
     */
    public INDArray forward(double dropout, SplittableRandom random) {
        for (int l = 1; l < layers; l++) {
            forwardProducts[l].run();
            if (work[l] != null) {
                work[l].activate(dropout, random);
            }
        }
        if (cosine != null) {
            cosine.normalise(hiddenRows[layers - 1]);
        }
        forwardProducts[layers].run();
        return logits;
    }

    /**
     * The logits of {@link #hostInput()} without dropout, on the host: {@code b} rows of K, in an
     * array the next pass overwrites.
     */
    public float[] forwardHostInput() {
        Host.write(hostInput, input, hostInput.length);
        forward(0, null);
        if (hostLogits == null) {
            hostLogits = new float[(int) logits.length()];
        }
        Host.read(logits, hostLogits, hostLogits.length);
        return hostLogits;
    }

    /**
     * The last hidden layer's output of the last {@link #forward}, {@code width × b}: the
     * embedding of a cosine head before it is normalised, else the last hidden activations.
     */
    public INDArray lastHidden() {
        return hiddenRows[layers - 1];
    }

    /**
     * Writes the gradient of every parameter into the gradient array, given the loss's gradient
     * with respect to the logits of the last {@link #forward}.
     */
    public void backward(INDArray logitGradient) {
        backward.logitGradient.assign(logitGradient);
        backward.run();
    }

    /**
     * The buffer {@link #backward()} reads the logits' gradient from, {@code b × K} like the
     * logits: a loss can write its gradient here directly, with no array made per batch.
     */
    public INDArray logitGradient() {
        return backward.logitGradient;
    }

    /** {@link #backward(INDArray)} with the gradient already written into {@link #logitGradient()}. */
    public void backward() {
        backward.run();
    }

    /** {@link #backward(INDArray)} with the logits' gradient on the host, {@code b} rows of K. */
    public void backward(float[] logitGradient) {
        Host.write(logitGradient, backward.logitGradient, logitGradient.length);
        backward.run();
    }

    /**
     * The matrix products of one forward and one backward pass and nothing else: no activation,
     * dropout or cosine, so the buffers are left with values that mean nothing. Their time is the
     * floor of a training step, which {@code ./losslab bench train} compares with PyTorch's.
     *
     * @throws IllegalStateException for a pass made for prediction or with a cosine head, whose
     *                               backward products are not separate from the element-wise work
     */
    public void runProducts() {
        if (backward == null || cosine != null) {
            throw new IllegalStateException("the products alone are run by a training pass with a linear head, "
                    + "but this pass is " + (backward == null ? "for prediction" : "one with a cosine head"));
        }
        for (int l = 1; l <= layers; l++) {
            forwardProducts[l].run();
        }
        for (int l = layers; l >= 1; l--) {
            backward.weightProducts[l].run();
            if (l > 1) {
                backward.deltaProducts[l].run();
            }
        }
    }

    /** The buffers and products of the backward pass. */
    private final class Backward {

        private final INDArray logitGradient;
        /** ∂loss/∂A_l of hidden layer l, turned in place into ∂loss/∂Z_l. */
        private final INDArray[] deltas;
        /** ∂loss/∂W_l for l = 1 … L into views of the flat gradient (for L, of a linear head). */
        private final Gemm[] weightProducts;
        /** ∂loss/∂A_{l-1} = W_l δ_l, W_l without its bias row, for l = 2 … L (for L, of a linear head). */
        private final Gemm[] deltaProducts;

        Backward(INDArray parameters, INDArray gradients) {
            logitGradient = logits.ulike();
            deltas = new INDArray[layers];
            for (int l = 1; l < layers; l++) {
                deltas[l] = Nd4j.create(DataType.FLOAT, layout.width(l), batch);
            }
            weightProducts = new Gemm[layers + 1];
            deltaProducts = new Gemm[layers + 1];
            if (layers == 1) {
                weightProducts[1] = new Gemm(input, logitGradient, layout.matrix(gradients, 1), true, false);
                return;
            }
            weightProducts[1] = new Gemm(input, deltas[1], layout.matrix(gradients, 1), true, true);
            for (int l = 2; l < layers; l++) {
                weightProducts[l] = new Gemm(hidden[l - 1], deltas[l], layout.matrix(gradients, l), false, true);
                deltaProducts[l] = new Gemm(layout.weights(parameters, l), deltas[l], deltas[l - 1], false, false);
            }
            if (cosine == null) {
                weightProducts[layers] = new Gemm(hidden[layers - 1], logitGradient, layout.matrix(gradients, layers),
                        false, false);
                deltaProducts[layers] = new Gemm(layout.weights(parameters, layers), logitGradient,
                        deltas[layers - 1], false, true);
            } else {
                cosine.prepareBackward(logitGradient, deltas[layers - 1], layout.matrix(gradients, layers));
            }
        }

        void run() {
            if (layers == 1) {
                weightProducts[1].run();
                return;
            }
            if (cosine == null) {
                weightProducts[layers].run();
                deltaProducts[layers].run();
            } else {
                cosine.backward(logits);
            }
            for (int l = layers - 1; l >= 1; l--) {
                if (work[l] != null) {
                    work[l].backward(deltas[l]);
                }
                weightProducts[l].run();
                if (l > 1) {
                    deltaProducts[l].run();
                }
            }
        }
    }

    /** Each column of {@code columns} divided by its norm as a cosine head guards it, in a new array. */
    public static INDArray unitColumns(INDArray columns) {
        int rows = columns.rows();
        int count = columns.columns();
        float[] values = columns.dup('c').data().asFloat();
        CosineHead.normaliseColumns(values, rows, count, new float[count]);
        return Nd4j.create(values, new long[] {rows, count}, DataType.FLOAT);
    }
}
