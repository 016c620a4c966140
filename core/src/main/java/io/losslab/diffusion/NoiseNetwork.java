package io.losslab.diffusion;

import io.losslab.nn.Layout;
import io.losslab.nn.TimeEmbedding;
import java.util.Arrays;

/**
 * The shape of the ε-prediction network: an MLP with ReLU hidden layers (a {@link Layout})
 * whose input is the noisy point, the sinusoidal embedding of t and, for a class-conditional
 * model, the one-hot class.
 */
final class NoiseNetwork {

    private final int dimension;
    private final int numClasses;
    private final int[] hidden;
    private final TimeEmbedding embedding;
    private final Layout layout;

    NoiseNetwork(int dimension, int[] hidden, TimeEmbedding embedding, int numClasses) {
        this.dimension = dimension;
        this.numClasses = numClasses;
        this.hidden = hidden.clone();
        this.embedding = embedding;
        layout = Layout.of(dimension + embedding.dimension() + numClasses, hidden, dimension, false);
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

    Layout layout() {
        return layout;
    }

    /**
     * Writes the input row of one example: its noisy point, the embedding of t and its class.
     *
     * @param input as {@link io.losslab.nn.Mlp#hostInput()} holds it, a row of inputs + 1 values per example
     */
    void writeInput(float[] input, int row, double[] point, int t, int label) {
        int start = rowStart(row);
        for (int d = 0; d < dimension; d++) {
            input[start + d] = (float) point[d];
        }
        int at = start + dimension;
        float[] e = embedding.of(t);
        System.arraycopy(e, 0, input, at, e.length);
        at += e.length;
        for (int k = 0; k < numClasses; k++) {
            input[at++] = k == label ? 1 : 0;
        }
    }

    /** Where an example's row starts: each holds the inputs and the constant 1 of the bias. */
    private int rowStart(int row) {
        return row * (layout.width(0) + 1);
    }

    @Override
    public String toString() {
        return "MLP " + Arrays.toString(layout.sizes()) + " (ReLU, " + embedding.dimension()
                + "-dim sinusoidal time embedding" + (numClasses > 0 ? ", " + numClasses + " classes one-hot" : "") + ")";
    }
}
