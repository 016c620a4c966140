package io.losslab.diffusion;

import io.losslab.nn.Activation;
import io.losslab.nn.Elementwise;
import io.losslab.nn.Mlp;
import io.losslab.train.Backend;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trained network's noise prediction ε_θ(x_t, t) for any number of points, in chunks of at
 * most {@link #CHUNK} rows so that memory stays bounded however many samples are drawn.
 * Holds native buffers: one per model call, not shared between threads.
 */
final class NetworkDenoiser implements Denoiser {

    /** Points per network pass; 4096 keeps each activation buffer near 2 MB at width 128. */
    static final int CHUNK = 4096;

    private final NoiseNetwork network;
    private final INDArray parameters;
    private final Elementwise elementwise = Backend.current().networkElementwise();
    private Mlp full;
    private Mlp remainder;

    NetworkDenoiser(NoiseNetwork network, float[] parameters) {
        this.network = network;
        this.parameters = Nd4j.createFromArray(parameters);
    }

    @Override
    public void predict(double[][] x, int[] steps, int[] labels, double[][] noise) {
        int dimension = network.dimension();
        for (int start = 0; start < x.length; start += CHUNK) {
            int size = Math.min(CHUNK, x.length - start);
            Mlp pass = pass(size);
            float[] input = pass.hostInput();
            for (int n = 0; n < size; n++) {
                int label = labels == null ? -1 : labels[start + n];
                network.writeInput(input, n, x[start + n], steps[start + n], label);
            }
            float[] out = pass.forwardHostInput();
            for (int n = 0; n < size; n++) {
                for (int d = 0; d < dimension; d++) {
                    noise[start + n][d] = out[n * dimension + d];
                }
            }
        }
    }

    /** Buffers for a chunk of this size: every chunk but the last is full, so two passes suffice. */
    private Mlp pass(int size) {
        if (size == CHUNK) {
            full = full != null ? full : loaded(size);
            return full;
        }
        remainder = remainder != null && remainder.batch() == size ? remainder : loaded(size);
        return remainder;
    }

    private Mlp loaded(int size) {
        return Mlp.forPrediction(network.layout(), Activation.RELU, elementwise, size, parameters);
    }
}
