package io.losslab.nn;

import static io.losslab.nn.TestArrays.assertClose;
import static io.losslab.nn.TestArrays.randomMatrix;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The host loops and the ND4J operations give the same logits and gradients, on the CPU backend,
 * for every kind of element-wise work: ReLU, GELU, dropout and a cosine head.
 */
class ElementwisePathsTest {

    private static final int BATCH = 7;

    @Test
    void reluWithDropout() {
        compare(new int[] {5, 8, 6, 3}, false, Activation.RELU, 0.3);
    }

    @Test
    void geluWithDropout() {
        compare(new int[] {5, 8, 3}, false, Activation.GELU, 0.25);
    }

    @Test
    void cosineHeadAboveGeluWithDropout() {
        compare(new int[] {5, 6, 4, 3}, true, Activation.GELU, 0.3);
    }

    @Test
    void softmaxRegression() {
        compare(new int[] {5, 3}, false, Activation.RELU, 0);
    }

    private static void compare(int[] sizes, boolean cosineHead, Activation activation, double dropout) {
        Layout layout = new Layout(sizes, cosineHead);
        Outcome host = run(layout, activation, dropout, Elementwise.HOST_LOOPS);
        Outcome device = run(layout, activation, dropout, Elementwise.DEVICE_OPS);
        assertClose(host.logits(), device.logits(), 1e-4, "logits");
        assertClose(host.gradients(), device.gradients(), 1e-4, "gradients");
        assertTrue(anyNonZero(host.gradients()), "the gradient is not all zero");
    }

    private record Outcome(float[] logits, float[] gradients) {
    }

    /** One forward and backward pass from the same parameters, input, masks and logit gradient. */
    private static Outcome run(Layout layout, Activation activation, double dropout, Elementwise elementwise) {
        Parameters parameters = new Parameters(layout.initialParameters(new SplittableRandom(3)));
        Mlp pass = Mlp.forTraining(layout, activation, elementwise, BATCH, parameters.array(),
                parameters.gradientArray(), dropout > 0);
        pass.inputFeatures().assign(randomMatrix(BATCH, layout.width(0), 4));
        float[] logits = pass.forward(dropout, new SplittableRandom(5)).dup().data().asFloat();
        pass.backward(randomMatrix(BATCH, layout.width(layout.layers()), 6));
        return new Outcome(logits, parameters.gradientArray().toFloatVector());
    }

    private static boolean anyNonZero(float[] values) {
        for (float value : values) {
            if (value != 0) {
                return true;
            }
        }
        return false;
    }
}
