package io.losslab.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The network's ND4J passes against a plain-Java reference: the forward output computed by
 * hand, and the backward gradient against central finite differences of the loss.
 */
class MlpPassTest {

    private static final int BATCH = 5;
    private final NoiseNetwork network = new NoiseNetwork(2, new int[] {6, 4}, new TimeEmbedding(4, 10), 3);
    private final SplittableRandom random = new SplittableRandom(11);
    private final float[] parameters = network.initialParameters(random);
    private final float[] input = randomInput();

    @Test
    void forwardMatchesAPlainJavaMlp() {
        MlpPass pass = new MlpPass(network, BATCH, false);
        pass.setParameters(parameters);
        System.arraycopy(input, 0, pass.input(), 0, input.length);
        float[] output = pass.forward();
        double[] reference = referenceForward(parameters);
        for (int i = 0; i < reference.length; i++) {
            assertEquals(reference[i], output[i], 1e-5, "output " + i);
        }
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        MlpPass pass = new MlpPass(network, BATCH, true);
        pass.setParameters(parameters);
        System.arraycopy(input, 0, pass.input(), 0, input.length);
        float[] output = pass.forward();
        // Loss = Σ w_i · out_i with fixed weights w, so ∂loss/∂out = w.
        float[] weights = new float[output.length];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) random.nextDouble(-1, 1);
        }
        float[] gradient = new float[network.parameterCount()];
        pass.backward(weights, gradient);
        double h = 1e-3;
        for (int p = 0; p < gradient.length; p++) {
            float[] plus = parameters.clone();
            float[] minus = parameters.clone();
            plus[p] += (float) h;
            minus[p] -= (float) h;
            double rise = weightedSum(referenceForward(plus), weights) - weightedSum(referenceForward(minus), weights);
            double numeric = rise / (plus[p] - minus[p]);
            assertEquals(numeric, gradient[p], 2e-3 * Math.max(1, Math.abs(numeric)), "parameter " + p);
        }
    }

    private float[] randomInput() {
        float[] values = new float[network.sizes()[0] * BATCH];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    /** The MLP in doubles, straight from the layout NoiseNetwork documents. */
    private double[] referenceForward(float[] params) {
        int[] sizes = network.sizes();
        double[] activation = new double[input.length];
        for (int i = 0; i < input.length; i++) {
            activation[i] = input[i];
        }
        for (int l = 1; l < sizes.length; l++) {
            int in = sizes[l - 1];
            int out = sizes[l];
            int offset = network.offset(l);
            double[] next = new double[out * BATCH];
            for (int j = 0; j < out; j++) {
                for (int n = 0; n < BATCH; n++) {
                    double z = params[offset + in * out + j];
                    for (int i = 0; i < in; i++) {
                        z += params[offset + i * out + j] * activation[i * BATCH + n];
                    }
                    next[j * BATCH + n] = l < sizes.length - 1 ? Math.max(z, 0) : z;
                }
            }
            activation = next;
        }
        return activation;
    }

    private static double weightedSum(double[] values, float[] weights) {
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            sum += values[i] * weights[i];
        }
        return sum;
    }
}
