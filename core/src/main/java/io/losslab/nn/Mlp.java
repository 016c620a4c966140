package io.losslab.nn;

import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
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
 * <p>A training pass made with two-shard {@link Workers} splits its batch by examples: each shard
 * has its own activations, products and gradient, runs on its own thread (with single-threaded
 * products), and the shards' gradients are summed at the end of the backward pass, or, by
 * {@link #backwardAndStep}, as the optimiser reads them. The input,
 * logits and their gradient stay whole arrays, each shard's products reading and writing its own
 * rows. The dropout masks are drawn on the caller's thread, shard after shard, so that a seed gives
 * the same masks however many threads run. A pass with a cosine head, or for prediction, has one
 * shard.
 *
 * <p>With a {@link Layout#cosineHead() cosine head} the last hidden layer is the embedding H (no
 * activation, no dropout) and the logits are {@code C = UᵀV}, U the embedding's columns and V the
 * class weights' columns each divided by its norm {@code √(|x|² + ε²)}; see {@link CosineHead}.
 *
 * <pre>{@code
 * Mlp pass = Mlp.forTraining(layout, Activation.RELU, Elementwise.HOST_LOOPS, workers, 128, parameters.array(),
 *         parameters.gradientArray(), false);
 * pass.gather(features, rows);
 * INDArray logits = pass.forward(0, null);
 * loss.compute(logits, targets, Reduction.MEAN, pass.logitGradient());
 * pass.backwardAndStep(parameters, optimiser);
 * }</pre>
 */
public final class Mlp {

    /** The fewest examples a shard is given: below this a thread's hand-off costs more than it saves. */
    private static final int MIN_SHARD_BATCH = 16;

    private final Layout layout;
    private final int batch;
    private final int layers;
    private final Elementwise elementwise;
    private final Workers workers;
    private final INDArray input;
    private final INDArray inputFeatures;
    private final INDArray logits;
    /** ∂loss/∂logits, {@code b × K}; null for a pass that only predicts. */
    private final INDArray logitGradient;
    private final Shard[] shards;
    /** Host buffers of the shards' gradient sum; null with one shard. */
    private final float[] gradientSum;
    private final float[] gradientPart;
    /** Made on first use: the host input for callers that write it directly, the host logits, mixup's partners. */
    private float[] hostInput;
    private float[] hostLogits;
    private INDArray partners;

    private Mlp(Layout layout, Activation activation, Elementwise elementwise, Workers workers, int batch,
            INDArray parameters, INDArray gradients, boolean dropout) {
        this.layout = layout;
        this.batch = batch;
        this.layers = layout.layers();
        this.elementwise = elementwise;
        this.workers = workers;
        boolean training = gradients != null;
        input = Nd4j.ones(DataType.FLOAT, batch, layout.width(0) + 1);
        inputFeatures = input.get(NDArrayIndex.all(), NDArrayIndex.interval(0, layout.width(0)));
        logits = Nd4j.create(DataType.FLOAT, batch, layout.width(layers));
        logitGradient = training ? logits.ulike() : null;
        boolean split = training && !layout.cosineHead() && batch >= MIN_SHARD_BATCH * workers.shards();
        shards = new Shard[split ? workers.shards() : 1];
        for (int s = 0; s < shards.length; s++) {
            int from = s * batch / shards.length;
            int to = (s + 1) * batch / shards.length;
            INDArray shardGradients = !training ? null
                    : s == 0 ? gradients : Nd4j.create(DataType.FLOAT, gradients.length());
            shards[s] = new Shard(activation, from, to, parameters, shardGradients, dropout && training);
        }
        gradientSum = shards.length > 1 ? new float[(int) gradients.length()] : null;
        gradientPart = shards.length > 1 ? new float[(int) gradients.length()] : null;
    }

    /**
     * Buffers for training batches of {@code batch} examples on {@code parameters}, writing
     * gradients into {@code gradients} (same layout), with dropout masks if asked, split over
     * {@code workers} (see the class comment).
     *
     * @param elementwise {@link Elementwise#HOST_LOOPS} on ND4J's CPU backend, {@link Elementwise#DEVICE_OPS} on a GPU
     */
    public static Mlp forTraining(Layout layout, Activation activation, Elementwise elementwise, Workers workers,
            int batch, INDArray parameters, INDArray gradients, boolean dropout) {
        return new Mlp(layout, activation, elementwise, workers, batch, parameters, gradients, dropout);
    }

    /** {@link #forTraining(Layout, Activation, Elementwise, Workers, int, INDArray, INDArray, boolean)} in one shard on the caller's thread. */
    public static Mlp forTraining(Layout layout, Activation activation, Elementwise elementwise, int batch,
            INDArray parameters, INDArray gradients, boolean dropout) {
        return forTraining(layout, activation, elementwise, Workers.single(), batch, parameters, gradients, dropout);
    }

    /**
     * Buffers for predicting {@code batch} examples at a time with {@code parameters}.
     *
     * @param elementwise {@link Elementwise#HOST_LOOPS} on ND4J's CPU backend, {@link Elementwise#DEVICE_OPS} on a GPU
     */
    public static Mlp forPrediction(Layout layout, Activation activation, Elementwise elementwise, int batch,
            INDArray parameters) {
        return new Mlp(layout, activation, elementwise, Workers.single(), batch, parameters, null, false);
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
     * Fills the input with the given rows of {@code features} ({@code N × D}), in their order. On
     * the host each shard copies its own rows straight from the features' buffer; elsewhere, or
     * for features that are a view, this is {@code Nd4j.pullRows}.
     */
    public void gather(INDArray features, int[] rows) {
        if (rows.length != batch) {
            throw new IllegalArgumentException("a pass of " + batch + " examples cannot take " + rows.length + " rows");
        }
        boolean wholeOnHost = elementwise == Elementwise.HOST_LOOPS && features.dataType() == DataType.FLOAT
                && features.rank() == 2 && features.ordering() == 'c' && features.offset() == 0
                && !features.isView() && features.columns() == layout.width(0);
        if (!wholeOnHost) {
            Nd4j.pullRows(features, inputFeatures, 1, rows);
            return;
        }
        eachShard(shard -> shard.gather(features, rows));
        Nd4j.getAffinityManager().tagLocation(input, AffinityManager.Location.HOST);
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
        if (dropout > 0) {
            for (Shard shard : shards) {
                shard.drawMasks(dropout, random);
            }
        }
        eachShard(shard -> shard.forward(dropout > 0));
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
     *
     * @throws IllegalStateException for a training pass split into shards, whose activations are in parts
     */
    public INDArray lastHidden() {
        if (shards.length > 1) {
            throw new IllegalStateException("the last hidden layer of a pass split into " + shards.length
                    + " shards is in parts; read it from a prediction pass");
        }
        return shards[0].hiddenRows[layers - 1];
    }

    /**
     * Writes the gradient of every parameter into the gradient array, given the loss's gradient
     * with respect to the logits of the last {@link #forward}.
     */
    public void backward(INDArray logitGradient) {
        requireTraining().assign(logitGradient);
        backward();
    }

    /**
     * The buffer {@link #backward()} reads the logits' gradient from, {@code b × K} like the
     * logits: a loss can write its gradient here directly, with no array made per batch.
     */
    public INDArray logitGradient() {
        return requireTraining();
    }

    /** {@link #backward(INDArray)} with the gradient already written into {@link #logitGradient()}. */
    public void backward() {
        requireTraining();
        eachShard(Shard::backward);
        if (shards.length > 1) {
            workers.run(this::sumGradients);
        }
    }

    /** {@link #backward(INDArray)} with the logits' gradient on the host, {@code b} rows of K. */
    public void backward(float[] logitGradient) {
        Host.write(logitGradient, requireTraining(), logitGradient.length);
        backward();
    }

    /**
     * {@link #backward()} and then one step of {@code optimiser} on {@code parameters}, in fewer
     * passes over memory: with several shards, each worker sums the shards' gradients over its part
     * of the flat array a chunk at a time and updates that chunk at once, so the sum is never
     * written back to the gradient array, which is left with the first shard's part.
     *
     * @param parameters the parameters whose arrays this pass was made on
     * @throws IllegalArgumentException for other parameters
     */
    public void backwardAndStep(Parameters parameters, Optimiser optimiser) {
        requireTraining();
        if (parameters.gradientArray() != shards[0].gradients) {
            throw new IllegalArgumentException("a pass steps the parameters it was made on, but these are others");
        }
        eachShard(Shard::backward);
        parameters.step(optimiser, workers, this::readGradientSum);
    }

    /** {@link #backwardAndStep(Parameters, Optimiser)} with the logits' gradient on the host, {@code b} rows of K. */
    public void backwardAndStep(float[] logitGradient, Parameters parameters, Optimiser optimiser) {
        Host.write(logitGradient, requireTraining(), logitGradient.length);
        backwardAndStep(parameters, optimiser);
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
        if (logitGradient == null || layout.cosineHead()) {
            throw new IllegalStateException("the products alone are run by a training pass with a linear head, "
                    + "but this pass is " + (logitGradient == null ? "for prediction" : "one with a cosine head"));
        }
        // Not held to one BLAS thread: a one-shard pass's floor is the BLAS's, on all its threads.
        eachShardAsIs(Shard::runProducts);
    }

    private INDArray requireTraining() {
        if (logitGradient == null) {
            throw new IllegalStateException("this pass was made for prediction and has no backward pass");
        }
        return logitGradient;
    }

    /**
     * Runs {@code work} on every shard, each on its own worker where there are several, with
     * OpenBLAS on one thread on the host (see {@link Workers#withOneBlasThread}).
     */
    private void eachShard(Consumer<Shard> work) {
        if (elementwise == Elementwise.HOST_LOOPS) {
            Workers.withOneBlasThread(() -> eachShardAsIs(work));
        } else {
            eachShardAsIs(work);
        }
    }

    private void eachShardAsIs(Consumer<Shard> work) {
        if (shards.length == 1) {
            work.accept(shards[0]);
        } else {
            workers.run(s -> work.accept(shards[s]));
        }
    }

    /** Adds the other shards' gradients into the first's (the caller's array), over this worker's part of the flat array. */
    private void sumGradients(int part) {
        int length = gradientSum.length;
        int from = Workers.partStart(length, part, workers.shards());
        int to = Workers.partStart(length, part + 1, workers.shards());
        readGradientSum(gradientSum, from, to);
        Host.writeRange(gradientSum, shards[0].gradients, from, to);
    }

    /**
     * The sum of the shards' gradients from {@code from} to {@code to} into the same places of
     * {@code sum}: with one shard, its gradient.
     */
    private void readGradientSum(float[] sum, int from, int to) {
        Host.readRange(shards[0].gradients, sum, from, to);
        for (int s = 1; s < shards.length; s++) {
            Host.readRange(shards[s].gradients, gradientPart, from, to);
            for (int i = from; i < to; i++) {
                sum[i] += gradientPart[i];
            }
        }
    }

    /** The examples {@code from} to {@code to} of a batch: their activations, products and gradient. */
    private final class Shard {

        private final int from;
        private final int size;
        private final INDArray input;
        private final INDArray logits;
        /** A_1 … A_{L-1}: {@code (width + 1) × size}, last row ones. */
        private final INDArray[] hidden;
        /** The first {@code width} rows of each A_l: where the layer's product lands. */
        private final INDArray[] hiddenRows;
        /** The element-wise work of each hidden layer; null for a cosine head's embedding, which has none. */
        private final HiddenLayer[] work;
        /** Products of the forward pass: Z_l into A_l's rows for l < L, the logits (or cosines) for L. */
        private final Gemm[] forwardProducts;
        private final CosineHead cosine;
        /** Where this shard's weight gradients go; null for a pass that only predicts. */
        private final INDArray gradients;
        /** The backward pass's buffers; null for a pass that only predicts. */
        private final Backward backward;

        Shard(Activation activation, int from, int to, INDArray parameters, INDArray gradients, boolean dropout) {
            this.from = from;
            this.size = to - from;
            this.gradients = gradients;
            boolean whole = size == batch;
            this.input = whole ? Mlp.this.input : rows(Mlp.this.input, from, to);
            this.logits = whole ? Mlp.this.logits : rows(Mlp.this.logits, from, to);
            boolean training = gradients != null;
            hidden = new INDArray[layers];
            hiddenRows = new INDArray[layers];
            work = new HiddenLayer[layers];
            for (int l = 1; l < layers; l++) {
                int width = layout.width(l);
                hidden[l] = Nd4j.ones(DataType.FLOAT, width + 1, size);
                hiddenRows[l] = hidden[l].get(NDArrayIndex.interval(0, width), NDArrayIndex.all());
                boolean embedding = layout.cosineHead() && l == layers - 1;
                work[l] = embedding ? null : HiddenLayer.of(elementwise, activation, hiddenRows[l], training, dropout);
            }
            cosine = layout.cosineHead()
                    ? new CosineHead(layout.weights(parameters, layers), size, training, elementwise) : null;
            forwardProducts = forwardProducts(parameters);
            backward = training
                    ? new Backward(parameters, whole ? logitGradient : rows(logitGradient, from, to)) : null;
        }

        private static INDArray rows(INDArray matrix, int from, int to) {
            return matrix.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
        }

        private Gemm[] forwardProducts(INDArray parameters) {
            Gemm[] products = new Gemm[layers + 1];
            if (layers == 1) {
                products[1] = Gemm.of(elementwise, input, layout.matrix(parameters, 1), logits, false, false);
                return products;
            }
            products[1] = Gemm.of(elementwise, layout.matrix(parameters, 1), input, hiddenRows[1], true, true);
            for (int l = 2; l < layers; l++) {
                products[l] = Gemm.of(elementwise, layout.matrix(parameters, l), hidden[l - 1], hiddenRows[l], true,
                        false);
            }
            products[layers] = cosine == null
                    ? Gemm.of(elementwise, hidden[layers - 1], layout.matrix(parameters, layers), logits, true, false)
                    : cosine.cosines(logits);
            return products;
        }

        /** Copies this shard's rows of the batch from the features' buffer into the input's. */
        void gather(INDArray features, int[] rows) {
            int width = layout.width(0);
            FloatBuffer source = features.data().asNioFloat();
            FloatBuffer target = Mlp.this.input.data().asNioFloat();
            for (int i = from; i < from + size; i++) {
                target.put(i * (width + 1), source, Math.multiplyExact(rows[i], width), width);
            }
        }

        void drawMasks(double dropout, SplittableRandom random) {
            for (int l = 1; l < layers; l++) {
                if (work[l] != null) {
                    work[l].drawMask(dropout, random);
                }
            }
        }

        void forward(boolean dropout) {
            for (int l = 1; l < layers; l++) {
                forwardProducts[l].run();
                if (work[l] != null) {
                    work[l].activate(dropout);
                }
            }
            if (cosine != null) {
                cosine.normalise(hiddenRows[layers - 1]);
            }
            forwardProducts[layers].run();
        }

        void backward() {
            backward.run();
        }

        void runProducts() {
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

            /** ∂loss/∂A_l of hidden layer l, turned in place into ∂loss/∂Z_l. */
            private final INDArray[] deltas;
            /** ∂loss/∂W_l for l = 1 … L into views of the flat gradient (for L, of a linear head). */
            private final Gemm[] weightProducts;
            /** ∂loss/∂A_{l-1} = W_l δ_l, W_l without its bias row, for l = 2 … L (for L, of a linear head). */
            private final Gemm[] deltaProducts;

            Backward(INDArray parameters, INDArray logitGradient) {
                deltas = new INDArray[layers];
                for (int l = 1; l < layers; l++) {
                    deltas[l] = Nd4j.create(DataType.FLOAT, layout.width(l), size);
                }
                weightProducts = new Gemm[layers + 1];
                deltaProducts = new Gemm[layers + 1];
                if (layers == 1) {
                    weightProducts[1] = Gemm.of(elementwise, input, logitGradient, layout.matrix(gradients, 1), true,
                            false);
                    return;
                }
                weightProducts[1] = Gemm.of(elementwise, input, deltas[1], layout.matrix(gradients, 1), true, true);
                for (int l = 2; l < layers; l++) {
                    weightProducts[l] = Gemm.of(elementwise, hidden[l - 1], deltas[l], layout.matrix(gradients, l), false,
                            true);
                    deltaProducts[l] = Gemm.of(elementwise, layout.weights(parameters, l), deltas[l], deltas[l - 1], false,
                            false);
                }
                if (cosine == null) {
                    weightProducts[layers] = Gemm.of(elementwise, hidden[layers - 1], logitGradient,
                            layout.matrix(gradients, layers), false, false);
                    deltaProducts[layers] = Gemm.of(elementwise, layout.weights(parameters, layers), logitGradient,
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
