package io.losslab.diffusion;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The shape of the ε-prediction network: an MLP with ReLU hidden layers whose input is the noisy
 * point, the sinusoidal embedding of t and, for a class-conditional model, the one-hot class.
 *
 * <p>Its parameters live in one flat array, layer after layer, each layer a c-order matrix of
 * {@code (inputs + 1) × outputs} whose last row is the bias: with a row of ones under the
 * inputs, one matrix product applies weights and bias together. Inputs and activations are
 * stored feature-major, one column per example.
 */
final class NoiseNetwork {

    private final int dimension;
    private final int numClasses;
    private final int[] hidden;
    private final TimeEmbedding embedding;
    /** Layer widths s_0 (input) … s_{L+1} (output, the dimension). */
    private final int[] sizes;
    private final int[] offsets;

    NoiseNetwork(int dimension, int[] hidden, TimeEmbedding embedding, int numClasses) {
        this.dimension = dimension;
        this.numClasses = numClasses;
        this.hidden = hidden.clone();
        this.embedding = embedding;
        sizes = new int[hidden.length + 2];
        sizes[0] = dimension + embedding.dimension() + numClasses;
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        sizes[sizes.length - 1] = dimension;
        offsets = new int[sizes.length];
        for (int l = 1; l < sizes.length; l++) {
            offsets[l] = offsets[l - 1] + (sizes[l - 1] + 1) * sizes[l];
        }
    }

    int dimension() {
        return dimension;
    }

    /** 0 for an unconditional network. */
    int numClasses() {
        return numClasses;
    }

    int[] hidden() {
        return hidden.clone();
    }

    int timeEmbedding() {
        return embedding.dimension();
    }

    /** Layer widths from input to output. */
    int[] sizes() {
        return sizes.clone();
    }

    /** Where the matrix of layer l (1 … L+1) starts in the flat parameters. */
    int offset(int layer) {
        return offsets[layer - 1];
    }

    int parameterCount() {
        return offsets[offsets.length - 1];
    }

    /**
     * Parameters drawn as PyTorch's {@code nn.Linear} draws them: weights and bias uniform in
     * ±1/√inputs.
     */
    float[] initialParameters(SplittableRandom random) {
        float[] parameters = new float[parameterCount()];
        for (int l = 1; l < sizes.length; l++) {
            double bound = 1 / Math.sqrt(sizes[l - 1]);
            for (int i = offset(l); i < offset(l + 1); i++) {
                parameters[i] = (float) random.nextDouble(-bound, bound);
            }
        }
        return parameters;
    }

    /**
     * Writes the input column of one example: its noisy point, the embedding of t and its class.
     *
     * @param input feature-major, {@code sizes()[0]} rows of {@code batch} columns
     */
    void writeInput(float[] input, int batch, int column, double[] point, int t, int label) {
        for (int d = 0; d < dimension; d++) {
            input[d * batch + column] = (float) point[d];
        }
        writeCondition(input, batch, column, t, label);
    }

    /** The time embedding and one-hot class of one column, the parts that do not depend on the point. */
    void writeCondition(float[] input, int batch, int column, int t, int label) {
        float[] e = embedding.of(t);
        int row = dimension;
        for (float value : e) {
            input[row++ * batch + column] = value;
        }
        for (int k = 0; k < numClasses; k++) {
            input[row++ * batch + column] = k == label ? 1 : 0;
        }
    }

    @Override
    public String toString() {
        return "MLP " + Arrays.toString(sizes) + " (ReLU, " + embedding.dimension() + "-dim sinusoidal time embedding"
                + (numClasses > 0 ? ", " + numClasses + " classes one-hot" : "") + ")";
    }
}
