package io.losslab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.losslab.loss.Loss;
import io.losslab.loss.LossResult;
import io.losslab.loss.Losses;
import io.losslab.loss.Reduction;
import io.losslab.loss.Targets;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The backward pass against central finite differences of the loss, for every parameter of small
 * networks: softmax regression, a ReLU MLP, a GELU MLP with dropout (the same mask each time),
 * and cosine heads under am-softmax.
 */
class MlpGradientTest {

    private static final int BATCH = 6;
    private static final int[] LABELS = {0, 2, 1, 2, 0, 1};
    private static final double STEP = 1e-2;

    @Test
    void softmaxRegression() {
        check(new int[] {4, 3}, Activation.RELU, 0, Losses.ce());
    }

    @Test
    void reluMlpWithALossThatUsesTheClassCounts() {
        check(new int[] {4, 5, 6, 3}, Activation.RELU, 0,
                Losses.logitAdjusted(1).withClassCounts(new long[] {50, 10, 2}));
    }

    @Test
    void geluMlpWithDropout() {
        check(new int[] {4, 7, 3}, Activation.GELU, 0.3, Losses.focal(2));
    }

    @Test
    void cosineHeadOnATwoDimensionalEmbedding() {
        check(new int[] {4, 5, 2, 3}, true, Activation.RELU, 0,
                Losses.parse("am-softmax(scale=4, margin=0.35)"));
    }

    @Test
    void cosineHeadRightAfterTheInputWithGeluAndDropoutBelowIt() {
        check(new int[] {4, 3, 3}, true, Activation.GELU, 0, Losses.parse("am-softmax(scale=2, margin=0)"));
        check(new int[] {4, 6, 4, 3}, true, Activation.GELU, 0.3, Losses.ce());
    }

    private static void check(int[] sizes, Activation activation, double dropout, Loss loss) {
        check(sizes, false, activation, dropout, loss);
    }

    private static void check(int[] sizes, boolean cosineHead, Activation activation, double dropout, Loss loss) {
        Layout layout = new Layout(sizes, cosineHead);
        INDArray parameters = Nd4j.createFromArray(layout.initialParameters(new SplittableRandom(7)));
        INDArray gradients = Nd4j.zeros(DataType.FLOAT, layout.parameterCount());
        Mlp pass = Mlp.forTraining(layout, activation, Elementwise.HOST_LOOPS, BATCH, parameters, gradients, dropout > 0);
        SplittableRandom random = new SplittableRandom(8);
        float[] x = new float[BATCH * sizes[0]];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        pass.inputFeatures().assign(Nd4j.create(x, new long[] {BATCH, sizes[0]}, DataType.FLOAT));
        Targets targets = Targets.classes(LABELS, sizes[sizes.length - 1]);

        LossResult result = loss.compute(pass.forward(dropout, sameMask()), targets, Reduction.MEAN);
        pass.backward(result.gradient());
        float[] analytic = gradients.toFloatVector();
        assertEquals(layout.parameterCount(), analytic.length);
        for (int i = 0; i < analytic.length; i++) {
            int index = i;
            float original = parameters.getFloat(i);
            DoubleUnaryOperator centralDifference = step -> {
                parameters.putScalar(index, original + step);
                double up = loss.compute(pass.forward(dropout, sameMask()), targets, Reduction.MEAN).value();
                parameters.putScalar(index, original - step);
                double down = loss.compute(pass.forward(dropout, sameMask()), targets, Reduction.MEAN).value();
                parameters.putScalar(index, original);
                return (up - down) / (2 * step);
            };
            // Richardson's extrapolation cancels the step's h² error, which the curvature of a
            // normalised small embedding makes larger than the tolerance; float32 noise rules out a smaller step.
            double numeric = (4 * centralDifference.applyAsDouble(STEP / 2) - centralDifference.applyAsDouble(STEP)) / 3;
            assertTrue(Math.abs(numeric - analytic[i]) < 2e-4 + 0.005 * Math.abs(numeric),
                    "parameter " + i + ": backward " + analytic[i] + ", finite difference " + numeric);
        }
    }

    /** A generator that draws the same dropout masks on every forward pass. */
    private static SplittableRandom sameMask() {
        return new SplittableRandom(99);
    }
}
