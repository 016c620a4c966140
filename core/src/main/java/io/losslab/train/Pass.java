package io.losslab.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastDivOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.reduce.floating.SquaredNorm;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.strict.GELU;
import org.nd4j.linalg.api.ops.impl.transforms.strict.GELUDerivative;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The ND4J buffers of one batch size, allocated once and reused by every forward and backward
 * pass, so a training step allocates nothing of its own.
 *
 * <p>At a batch of 128, ND4J spends more time dispatching an operation than computing it, so the
 * pass is built to issue few: the input is {@code b × (D + 1)} with a column of ones and the
 * hidden activations are {@code (width + 1) × b} with a row of ones, so each layer is a single
 * {@code gemm} (bias included, transposes as flags rather than copies) writing straight into the
 * next activation buffer; ReLU runs in place, and its derivative is a step mask. Forward and
 * backward through L layers take 3L - 1 matrix products and three small operations per hidden
 * layer (ReLU; step and product), nothing per bias. The logits come out {@code b × K}, the layout
 * the losses take.
 *
 * <p>With a {@link NdTrainer.Head#COSINE cosine head} the last hidden layer is the embedding H
 * (no activation, no dropout) and the logits are {@code C = UᵀV}, U the embedding's columns and V
 * the class weights' columns each divided by its norm {@code √(|x|² + ε²)}. The smooth guard keeps
 * a zero vector from dividing by zero and keeps the derivative of {@code u = h/n} exactly
 * {@code (g - (g·u)u)/n}. Since {@code (Uᵀ V)_{jk}} is the cosine itself, the dot products
 * {@code g·u} of all examples are the row sums of {@code G ∘ C} and those of all classes its
 * column sums, so the normalisations cost a few operations on {@code b × K} rather than on the
 * embedding.
 */
final class Pass {

    private final Network network;
    private final NdTrainer.Activation activation;
    private final int batch;
    /** Views of each layer's matrix (index l = 1 … L) in the parameters and the gradients. */
    private final INDArray[] matrices;
    private final INDArray[] weights;
    private final INDArray[] gradientMatrices;
    private final INDArray input;
    private final INDArray inputFeatures;
    /** A_1 … A_{L-1}: {@code (width + 1) × b}, last row ones. */
    private final INDArray[] hidden;
    /** The first {@code width} rows of each A_l: where the layer's product lands. */
    private final INDArray[] hiddenRows;
    /** GELU's input Z_l, which its derivative needs; null for ReLU. */
    private final INDArray[] preActivations;
    private final INDArray logits;
    /** ∂loss/∂A_l, then ∂loss/∂Z_l once the activation's derivative is applied. */
    private final INDArray[] deltas;
    /** The activation's derivative at Z_l. */
    private final INDArray[] derivatives;
    /** Inverted-dropout masks, 0 or 1/keep; null without dropout. */
    private final INDArray[] dropoutMasks;
    /** Mixup's partner examples, made on first use. */
    private INDArray partners;
    /** The cosine head's buffers, or null for a linear head. */
    private final CosineHead cosine;

    /**
     * The normalisation buffers of a cosine head on embedding H ({@code d × b}) and class weights
     * W ({@code d × K}): norms, unit columns, the dot products {@code g·u} and scratch for the
     * projection {@code (g·u)u}.
     */
    private static final class CosineHead {

        /** ε² of the norm {@code √(|x|² + ε²)}: far below any trained norm, far above float underflow. */
        private static final double EPSILON_SQUARED = 1e-12;

        private final INDArray embeddingNorms;
        private final INDArray classNorms;
        private final INDArray unitEmbeddings;
        private final INDArray unitClasses;
        private final INDArray weighted;
        private final INDArray exampleDots;
        private final INDArray classDots;
        private final INDArray embeddingProjection;
        private final INDArray classProjection;

        CosineHead(int width, int classes, int batch, boolean training) {
            embeddingNorms = Nd4j.create(DataType.FLOAT, batch);
            classNorms = Nd4j.create(DataType.FLOAT, classes);
            unitEmbeddings = Nd4j.create(DataType.FLOAT, width, batch);
            unitClasses = Nd4j.create(DataType.FLOAT, width, classes);
            weighted = training ? Nd4j.create(DataType.FLOAT, batch, classes) : null;
            exampleDots = training ? Nd4j.create(DataType.FLOAT, batch) : null;
            classDots = training ? Nd4j.create(DataType.FLOAT, classes) : null;
            embeddingProjection = training ? Nd4j.create(DataType.FLOAT, width, batch) : null;
            classProjection = training ? Nd4j.create(DataType.FLOAT, width, classes) : null;
        }

        /** Writes each column of {@code columns} divided by its guarded norm into {@code units}. */
        static void normalise(INDArray columns, INDArray norms, INDArray units) {
            Nd4j.exec(new SquaredNorm(columns, norms, 0));
            Transforms.sqrt(norms.addi(EPSILON_SQUARED), false);
            Nd4j.exec(new BroadcastDivOp(columns, norms, units, 1));
        }

        /** Turns ∂loss/∂u of each column (in place) into ∂loss/∂x, x = u·n: {@code (g - (g·u)u)/n}. */
        static void throughNormalisation(INDArray gradient, INDArray units, INDArray dots, INDArray norms,
                INDArray projection) {
            Nd4j.exec(new BroadcastMulOp(units, dots, projection, 1));
            gradient.subi(projection);
            Nd4j.exec(new BroadcastDivOp(gradient, norms, gradient, 1));
        }
    }

    private Pass(Network network, NdTrainer.Activation activation, int batch, INDArray parameters, INDArray gradients,
            boolean dropout) {
        this.network = network;
        this.activation = activation;
        this.batch = batch;
        int layers = network.layers();
        boolean training = gradients != null;
        matrices = new INDArray[layers + 1];
        weights = new INDArray[layers + 1];
        gradientMatrices = new INDArray[layers + 1];
        for (int l = 1; l <= layers; l++) {
            matrices[l] = network.matrix(parameters, l);
            weights[l] = network.weights(parameters, l);
            gradientMatrices[l] = training ? network.matrix(gradients, l) : null;
        }
        input = Nd4j.ones(DataType.FLOAT, batch, network.width(0) + 1);
        inputFeatures = input.get(NDArrayIndex.all(), NDArrayIndex.interval(0, network.width(0)));
        hidden = new INDArray[layers];
        hiddenRows = new INDArray[layers];
        preActivations = new INDArray[layers];
        deltas = new INDArray[layers];
        derivatives = new INDArray[layers];
        dropoutMasks = new INDArray[layers];
        for (int l = 1; l < layers; l++) {
            int width = network.width(l);
            boolean activated = !isEmbedding(l);
            hidden[l] = Nd4j.ones(DataType.FLOAT, width + 1, batch);
            hiddenRows[l] = hidden[l].get(NDArrayIndex.interval(0, width), NDArrayIndex.all());
            preActivations[l] = activated && activation == NdTrainer.Activation.GELU
                    ? Nd4j.create(DataType.FLOAT, width, batch) : null;
            if (training) {
                deltas[l] = Nd4j.create(DataType.FLOAT, width, batch);
                derivatives[l] = activated ? Nd4j.create(DataType.FLOAT, width, batch) : null;
                dropoutMasks[l] = activated && dropout ? Nd4j.create(DataType.FLOAT, width, batch) : null;
            }
        }
        logits = Nd4j.create(DataType.FLOAT, batch, network.width(layers));
        cosine = network.head() == NdTrainer.Head.COSINE
                ? new CosineHead(network.width(layers - 1), network.width(layers), batch, training) : null;
    }

    /** Whether hidden layer l is a cosine head's embedding, which has no activation and no dropout. */
    private boolean isEmbedding(int l) {
        return network.head() == NdTrainer.Head.COSINE && l == network.layers() - 1;
    }

    /**
     * Buffers for training batches of {@code batch} examples on {@code parameters}, writing
     * gradients into {@code gradients} (same layout), with dropout masks if asked.
     */
    static Pass forTraining(Network network, NdTrainer.Activation activation, int batch, INDArray parameters,
            INDArray gradients, boolean dropout) {
        return new Pass(network, activation, batch, parameters, gradients, dropout);
    }

    /** Buffers for predicting {@code batch} examples at a time with {@code parameters}. */
    static Pass forPrediction(Network network, NdTrainer.Activation activation, int batch, INDArray parameters) {
        return new Pass(network, activation, batch, parameters, null, false);
    }

    int batch() {
        return batch;
    }

    /** Each column of {@code columns} divided by its norm as a cosine head guards it, in a new array. */
    static INDArray unitColumns(INDArray columns) {
        INDArray units = Nd4j.create(DataType.FLOAT, columns.rows(), columns.columns());
        CosineHead.normalise(columns, Nd4j.create(DataType.FLOAT, columns.columns()), units);
        return units;
    }

    /**
     * The last hidden layer's output of the last {@link #forward}, {@code width × b}: the
     * embedding of a cosine head before it is normalised, else the last hidden activations.
     */
    INDArray lastHidden() {
        return hiddenRows[network.layers() - 1];
    }

    /** The {@code b × D} block the caller fills with the batch's features. */
    INDArray inputFeatures() {
        return inputFeatures;
    }

    /**
     * Mixup: replaces the input x with {@code λx + (1-λ)x'}, x' the given rows of {@code features}.
     */
    void mixWith(INDArray features, int[] partnerRows, double lambda) {
        if (partners == null) {
            partners = Nd4j.create(DataType.FLOAT, batch, network.width(0));
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
    INDArray forward(double dropout, Random random) {
        int layers = network.layers();
        if (layers == 1) {
            Nd4j.gemm(input, matrices[1], logits, false, false, 1, 0);
            return logits;
        }
        Nd4j.gemm(matrices[1], input, target(1), true, true, 1, 0);
        activate(1, dropout, random);
        for (int l = 2; l < layers; l++) {
            Nd4j.gemm(matrices[l], hidden[l - 1], target(l), true, false, 1, 0);
            activate(l, dropout, random);
        }
        if (cosine == null) {
            Nd4j.gemm(hidden[layers - 1], matrices[layers], logits, true, false, 1, 0);
        } else {
            CosineHead.normalise(hiddenRows[layers - 1], cosine.embeddingNorms, cosine.unitEmbeddings);
            CosineHead.normalise(weights[layers], cosine.classNorms, cosine.unitClasses);
            Nd4j.gemm(cosine.unitEmbeddings, cosine.unitClasses, logits, true, false, 1, 0);
        }
        return logits;
    }

    /** Where layer l's product goes: straight into A_l for ReLU, into Z_l for GELU. */
    private INDArray target(int l) {
        return preActivations[l] != null ? preActivations[l] : hiddenRows[l];
    }

    private void activate(int l, double dropout, Random random) {
        if (isEmbedding(l)) {
            return;
        }
        if (activation == NdTrainer.Activation.GELU) {
            Nd4j.exec(new GELU(preActivations[l], hiddenRows[l]));
        } else {
            Transforms.relu(hiddenRows[l], false);
        }
        if (dropout > 0) {
            INDArray mask = dropoutMasks[l];
            Nd4j.getExecutioner().exec(new BernoulliDistribution(mask, 1 - dropout), random);
            mask.muli(1 / (1 - dropout));
            hiddenRows[l].muli(mask);
        }
    }

    /**
     * Writes the gradient of every parameter into the gradient array, given the loss's gradient
     * with respect to the logits of the last {@link #forward}.
     */
    void backward(INDArray logitGradient) {
        int layers = network.layers();
        if (layers == 1) {
            Nd4j.gemm(input, logitGradient, gradientMatrices[1], true, false, 1, 0);
            return;
        }
        if (cosine == null) {
            Nd4j.gemm(hidden[layers - 1], logitGradient, gradientMatrices[layers], false, false, 1, 0);
            Nd4j.gemm(weights[layers], logitGradient, deltas[layers - 1], false, true, 1, 0);
        } else {
            backwardThroughCosines(logitGradient);
        }
        for (int l = layers - 1; l >= 1; l--) {
            INDArray delta = isEmbedding(l) ? deltas[l] : throughActivation(l);
            if (l == 1) {
                Nd4j.gemm(input, delta, gradientMatrices[1], true, true, 1, 0);
            } else {
                Nd4j.gemm(hidden[l - 1], delta, gradientMatrices[l], false, true, 1, 0);
                Nd4j.gemm(weights[l], delta, deltas[l - 1], false, false, 1, 0);
            }
        }
    }

    /**
     * ∂loss/∂W of the class weights into the last gradient matrix and ∂loss/∂H of the embedding
     * into its delta, from ∂loss/∂C = G: first the gradients of the unit vectors, {@code V Gᵀ} and
     * {@code U G}, then each through its normalisation.
     */
    private void backwardThroughCosines(INDArray logitGradient) {
        int layers = network.layers();
        INDArray embeddingGradient = deltas[layers - 1];
        INDArray classGradient = gradientMatrices[layers];
        Nd4j.gemm(cosine.unitClasses, logitGradient, embeddingGradient, false, true, 1, 0);
        Nd4j.gemm(cosine.unitEmbeddings, logitGradient, classGradient, false, false, 1, 0);
        logitGradient.mul(logits, cosine.weighted);
        Nd4j.exec(new Sum(cosine.weighted, cosine.exampleDots, 1));
        Nd4j.exec(new Sum(cosine.weighted, cosine.classDots, 0));
        CosineHead.throughNormalisation(embeddingGradient, cosine.unitEmbeddings, cosine.exampleDots,
                cosine.embeddingNorms, cosine.embeddingProjection);
        CosineHead.throughNormalisation(classGradient, cosine.unitClasses, cosine.classDots, cosine.classNorms,
                cosine.classProjection);
    }

    /** ∂loss/∂Z_l from ∂loss/∂A_l: through the dropout mask, then the activation's derivative. */
    private INDArray throughActivation(int l) {
        INDArray delta = deltas[l];
        if (dropoutMasks[l] != null) {
            delta.muli(dropoutMasks[l]);
        }
        if (activation == NdTrainer.Activation.GELU) {
            Nd4j.exec(new GELUDerivative(preActivations[l], derivatives[l]));
        } else {
            // A ReLU output is positive exactly where its input was (and dropout kept it).
            Nd4j.exec(new Step(hiddenRows[l], derivatives[l]));
        }
        return delta.muli(derivatives[l]);
    }
}
