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
 * (activation, dropout, their derivatives, a cosine head's normalisations) runs as fused Java
 * loops over host copies of the buffers (see {@link Host}), which cost a bulk copy each way. The
 * logits come out {@code b × K}. Forward and backward through L layers take 3L - 1 products.
 *
 * <p>With a {@link Layout#cosineHead() cosine head} the last hidden layer is the embedding H (no
 * activation, no dropout) and the logits are {@code C = UᵀV}, U the embedding's columns and V the
 * class weights' columns each divided by its norm {@code √(|x|² + ε²)}; see {@link CosineHead}.
 *
 * <pre>{@code
 * Mlp pass = Mlp.forTraining(layout, Activation.RELU, 128, parameters.array(), parameters.gradientArray(), false);
 * Nd4j.pullRows(features, pass.inputFeatures(), 1, rows);
 * INDArray logits = pass.forward(0, null);
 * pass.backward(loss.compute(logits, targets, Reduction.MEAN).gradient());
 * }</pre>
 */
public final class Mlp {

    /** a of GELU's sigmoid form {@code z·σ(az)}. */
    private static final float GELU_SCALE = 1.702f;

    private final Layout layout;
    private final Activation[] activations;
    private final int batch;
    private final int layers;
    private final INDArray input;
    private final INDArray inputFeatures;
    /** A_1 … A_{L-1}: {@code (width + 1) × b}, last row ones. */
    private final INDArray[] hidden;
    /** The first {@code width} rows of each A_l: where the layer's product lands. */
    private final INDArray[] hiddenRows;
    /** Host copies of the activated rows of A_l, as the backward pass needs them. */
    private final float[][] hostHidden;
    /** Host copies of the pre-activations Z_l of GELU layers, null elsewhere. */
    private final float[][] preActivations;
    /** Inverted-dropout masks, 0 or 1/keep; null without dropout. */
    private final float[][] dropoutMasks;
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

    private Mlp(Layout layout, Activation activation, int batch, INDArray parameters, INDArray gradients,
            boolean dropout) {
        this.layout = layout;
        this.batch = batch;
        this.layers = layout.layers();
        activations = new Activation[layers];
        input = Nd4j.ones(DataType.FLOAT, batch, layout.width(0) + 1);
        inputFeatures = input.get(NDArrayIndex.all(), NDArrayIndex.interval(0, layout.width(0)));
        hidden = new INDArray[layers];
        hiddenRows = new INDArray[layers];
        hostHidden = new float[layers][];
        preActivations = new float[layers][];
        dropoutMasks = new float[layers][];
        for (int l = 1; l < layers; l++) {
            int width = layout.width(l);
            boolean embedding = layout.cosineHead() && l == layers - 1;
            activations[l] = embedding ? Activation.IDENTITY : activation;
            hidden[l] = Nd4j.ones(DataType.FLOAT, width + 1, batch);
            hiddenRows[l] = hidden[l].get(NDArrayIndex.interval(0, width), NDArrayIndex.all());
            hostHidden[l] = new float[width * batch];
            preActivations[l] = activations[l] == Activation.GELU ? new float[width * batch] : null;
            boolean masked = dropout && gradients != null && !embedding;
            dropoutMasks[l] = masked ? new float[width * batch] : null;
        }
        logits = Nd4j.create(DataType.FLOAT, batch, layout.width(layers));
        cosine = layout.cosineHead()
                ? new CosineHead(layout.weights(parameters, layers), batch, gradients != null) : null;
        forwardProducts = forwardProducts(parameters);
        backward = gradients != null ? new Backward(parameters, gradients) : null;
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
     */
    public static Mlp forTraining(Layout layout, Activation activation, int batch, INDArray parameters,
            INDArray gradients, boolean dropout) {
        return new Mlp(layout, activation, batch, parameters, gradients, dropout);
    }

    /** Buffers for predicting {@code batch} examples at a time with {@code parameters}. */
    public static Mlp forPrediction(Layout layout, Activation activation, int batch, INDArray parameters) {
        return new Mlp(layout, activation, batch, parameters, null, false);
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
            activate(l, dropout, random);
        }
        if (cosine != null) {
            cosine.normalise(hiddenRows[layers - 1], hostHidden[layers - 1]);
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

    /** Applies layer l's activation and dropout to its product, on the host. */
    private void activate(int l, double dropout, SplittableRandom random) {
        if (isEmbedding(l)) {
            return; // the cosine head reads and normalises it
        }
        float[] values = hostHidden[l];
        Activation activation = activations[l];
        Host.read(hiddenRows[l], values, values.length);
        if (activation == Activation.RELU) {
            for (int i = 0; i < values.length; i++) {
                values[i] = Math.max(values[i], 0f);
            }
        } else if (activation == Activation.GELU) {
            float[] z = preActivations[l];
            System.arraycopy(values, 0, z, 0, values.length);
            for (int i = 0; i < values.length; i++) {
                values[i] = z[i] * geluGate(z[i]);
            }
        }
        if (dropout > 0) {
            drop(dropoutMasks[l], values, dropout, random);
        }
        Host.write(values, hiddenRows[l], values.length);
    }

    /** Whether hidden layer l is a cosine head's embedding, which has no activation and no dropout. */
    private boolean isEmbedding(int l) {
        return cosine != null && l == layers - 1;
    }

    /** σ(1.702z), the gate of GELU's sigmoid form. */
    private static float geluGate(float z) {
        return (float) (1 / (1 + Math.exp(-GELU_SCALE * z)));
    }

    /** The derivative of {@code z·σ(az)}: {@code σ + az·σ(1 - σ)}. */
    private static float geluDerivative(float z) {
        float gate = geluGate(z);
        return gate + GELU_SCALE * z * gate * (1 - gate);
    }

    /** Inverted dropout: each unit kept with probability 1 - p and then scaled by 1/(1 - p). */
    private static void drop(float[] mask, float[] values, double dropout, SplittableRandom random) {
        double keep = 1 - dropout;
        float scale = (float) (1 / keep);
        for (int i = 0; i < values.length; i++) {
            mask[i] = random.nextDouble() < keep ? scale : 0f;
            values[i] *= mask[i];
        }
    }

    /**
     * Writes the gradient of every parameter into the gradient array, given the loss's gradient
     * with respect to the logits of the last {@link #forward}.
     */
    public void backward(INDArray logitGradient) {
        backward.logitGradient.assign(logitGradient);
        backward.run();
    }

    /** {@link #backward(INDArray)} with the logits' gradient on the host, {@code b} rows of K. */
    public void backward(float[] logitGradient) {
        Host.write(logitGradient, backward.logitGradient, logitGradient.length);
        backward.run();
    }

    /** The buffers and products of the backward pass. */
    private final class Backward {

        private final INDArray logitGradient;
        /** ∂loss/∂A_l of hidden layer l, turned in place into ∂loss/∂Z_l. */
        private final INDArray[] deltas;
        private final float[] hostDelta;
        /** ∂loss/∂W_l for l = 1 … L into views of the flat gradient (for L, of a linear head). */
        private final Gemm[] weightProducts;
        /** ∂loss/∂A_{l-1} = W_l δ_l, W_l without its bias row, for l = 2 … L (for L, of a linear head). */
        private final Gemm[] deltaProducts;

        Backward(INDArray parameters, INDArray gradients) {
            logitGradient = logits.ulike();
            deltas = new INDArray[layers];
            int widest = 0;
            for (int l = 1; l < layers; l++) {
                deltas[l] = Nd4j.create(DataType.FLOAT, layout.width(l), batch);
                widest = Math.max(widest, layout.width(l));
            }
            hostDelta = new float[widest * batch];
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
                cosine.backward(logits, hostDelta);
            }
            for (int l = layers - 1; l >= 1; l--) {
                throughActivation(l);
                weightProducts[l].run();
                if (l > 1) {
                    deltaProducts[l].run();
                }
            }
        }

        /** ∂loss/∂Z_l from ∂loss/∂A_l in place: through the dropout mask, then the activation's derivative. */
        private void throughActivation(int l) {
            if (isEmbedding(l)) {
                return;
            }
            Activation activation = activations[l];
            float[] delta = hostDelta;
            int length = hostHidden[l].length;
            Host.read(deltas[l], delta, length);
            float[] mask = dropoutMasks[l];
            if (mask != null) {
                for (int i = 0; i < length; i++) {
                    delta[i] *= mask[i];
                }
            }
            if (activation == Activation.RELU) {
                reluBackward(hostHidden[l], delta, length);
            } else if (activation == Activation.GELU) {
                float[] z = preActivations[l];
                for (int i = 0; i < length; i++) {
                    delta[i] *= geluDerivative(z[i]);
                }
            }
            Host.write(delta, deltas[l], length);
        }
    }

    /**
     * ∂loss/∂Z = ∂loss/∂A where the ReLU let its input through, 0 where it cut it. Written without
     * a branch: whether a unit is active is a coin toss, and a mispredicted branch per element made
     * this loop ten times slower. The kept activations are +0 or positive (Math.max turns -0 into
     * +0, dropout multiplies by +0 or a positive scale), so their bits are 0 exactly where the
     * unit was cut, and {@code ~((bits - 1) >> 31)} is then all zeros, otherwise all ones.
     */
    private static void reluBackward(float[] kept, float[] delta, int length) {
        for (int i = 0; i < length; i++) {
            int mask = ~((Float.floatToRawIntBits(kept[i]) - 1) >> 31);
            delta[i] = Float.intBitsToFloat(Float.floatToRawIntBits(delta[i]) & mask);
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
