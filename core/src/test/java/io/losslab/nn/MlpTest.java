package io.losslab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.blas.Blas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The pass on host input against a plain-Java reference: the forward output computed by hand,
 * and the backward gradient against central finite differences of the loss.
 */
class MlpTest {

    private static final int BATCH = 5;
    private final Layout layout = new Layout(new int[] {9, 6, 4, 2}, false);
    private final SplittableRandom random = new SplittableRandom(11);
    private final float[] parameters = layout.initialParameters(random);
    private final float[] input = randomInput();

    @Test
    void forwardMatchesAPlainJavaMlp() {
        Parameters loaded = new Parameters(parameters);
        Mlp pass = Mlp.forPrediction(layout, Activation.RELU, Elementwise.HOST_LOOPS, BATCH, loaded.array());
        float[] output = forward(pass);
        double[] reference = referenceForward(parameters);
        for (int i = 0; i < reference.length; i++) {
            assertEquals(reference[i], output[i], 1e-5, "output " + i);
        }
    }

    @Test
    void aHostPassGivesTheSameLogitsWhateverTheBlasThreadCountAroundIt() {
        // Large enough that OpenBLAS splits the first product over two threads when it may.
        Layout wide = new Layout(new int[] {785, 256, 10}, false);
        Parameters loaded = new Parameters(wide.initialParameters(new SplittableRandom(3)));
        Mlp pass = Mlp.forPrediction(wide, Activation.RELU, Elementwise.HOST_LOOPS, 2000, loaded.array());
        pass.inputFeatures().assign(Nd4j.rand(DataType.FLOAT, 2000, 785));
        Blas blas = Nd4j.factory().blas();
        int before = blas.getMaxThreads();
        try {
            blas.setMaxThreads(1);
            float[] oneThread = pass.forward(0, null).dup().data().asFloat();
            blas.setMaxThreads(2);
            float[] twoThreads = pass.forward(0, null).dup().data().asFloat();
            assertArrayEquals(oneThread, twoThreads, "logits with the BLAS set to one thread and to two");
            assertEquals(2, blas.getMaxThreads(), "the BLAS's count is given back after the pass");
        } finally {
            blas.setMaxThreads(before);
        }
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        Parameters loaded = new Parameters(parameters);
        Mlp pass = Mlp.forTraining(layout, Activation.RELU, Elementwise.HOST_LOOPS, BATCH, loaded.array(), loaded.gradientArray(), false);
        float[] output = forward(pass);
        // Loss = Σ w_i · out_i with fixed weights w, so ∂loss/∂out = w.
        float[] weights = new float[output.length];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) random.nextDouble(-1, 1);
        }
        pass.backward(weights);
        float[] gradient = loaded.gradientArray().toFloatVector();
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

    @Test
    void theProductsAloneMakeTheWholePassWhenEveryReluLetsItsInputThrough() {
        // Positive inputs and parameters make every pre-activation positive: each ReLU and its
        // derivative is then the identity, and forward and backward are their products alone.
        float[] positiveParameters = absolute(parameters);
        float[] positiveInput = absolute(input);
        float[] logitGradient = new float[BATCH * layout.width(layout.layers())];
        for (int i = 0; i < logitGradient.length; i++) {
            logitGradient[i] = (float) random.nextDouble(-1, 1);
        }
        Parameters whole = new Parameters(positiveParameters);
        Mlp wholePass = trainingPass(whole, positiveInput);
        wholePass.forward(0, null);
        wholePass.backward(logitGradient);
        Parameters products = new Parameters(positiveParameters);
        Mlp productPass = trainingPass(products, positiveInput);
        productPass.logitGradient().assign(Nd4j.create(logitGradient, new long[] {BATCH, layout.width(layout.layers())},
                DataType.FLOAT));
        productPass.runProducts();
        assertArrayEquals(whole.gradientArray().toFloatVector(), products.gradientArray().toFloatVector());
    }

    @Test
    void theProductsAloneNeedATrainingPassWithALinearHead() {
        Parameters loaded = new Parameters(parameters);
        Mlp prediction = Mlp.forPrediction(layout, Activation.RELU, Elementwise.HOST_LOOPS, BATCH, loaded.array());
        assertThrows(IllegalStateException.class, prediction::runProducts);
        Layout cosine = new Layout(new int[] {9, 6, 4, 2}, true);
        Parameters cosineParameters = new Parameters(cosine.initialParameters(random));
        Mlp cosinePass = Mlp.forTraining(cosine, Activation.RELU, Elementwise.HOST_LOOPS, BATCH,
                cosineParameters.array(), cosineParameters.gradientArray(), false);
        assertThrows(IllegalStateException.class, cosinePass::runProducts);
    }

    private Mlp trainingPass(Parameters loaded, float[] features) {
        Mlp pass = Mlp.forTraining(layout, Activation.RELU, Elementwise.HOST_LOOPS, BATCH, loaded.array(),
                loaded.gradientArray(), false);
        pass.inputFeatures().assign(Nd4j.create(features, new long[] {BATCH, layout.width(0)}, DataType.FLOAT));
        return pass;
    }

    private static float[] absolute(float[] values) {
        float[] result = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = Math.abs(values[i]);
        }
        return result;
    }

    /** Writes the input as host rows of D + 1 values and runs the forward pass. */
    private float[] forward(Mlp pass) {
        float[] host = pass.hostInput();
        int inputs = layout.width(0);
        for (int n = 0; n < BATCH; n++) {
            System.arraycopy(input, n * inputs, host, n * (inputs + 1), inputs);
        }
        return pass.forwardHostInput();
    }

    private float[] randomInput() {
        float[] values = new float[layout.width(0) * BATCH];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    /** The MLP in doubles, example by example, straight from the layout Layout documents. */
    private double[] referenceForward(float[] params) {
        int[] sizes = layout.sizes();
        int outputs = sizes[sizes.length - 1];
        double[] result = new double[BATCH * outputs];
        for (int n = 0; n < BATCH; n++) {
            double[] activation = new double[sizes[0]];
            for (int i = 0; i < sizes[0]; i++) {
                activation[i] = input[n * sizes[0] + i];
            }
            for (int l = 1; l < sizes.length; l++) {
                int in = sizes[l - 1];
                int out = sizes[l];
                int offset = layout.offset(l);
                double[] next = new double[out];
                for (int j = 0; j < out; j++) {
                    double z = params[offset + in * out + j];
                    for (int i = 0; i < in; i++) {
                        z += params[offset + i * out + j] * activation[i];
                    }
                    next[j] = l < sizes.length - 1 ? Math.max(z, 0) : z;
                }
                activation = next;
            }
            System.arraycopy(activation, 0, result, n * outputs, outputs);
        }
        return result;
    }

    private static double weightedSum(double[] values, float[] weights) {
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            sum += values[i] * weights[i];
        }
        return sum;
    }
}
