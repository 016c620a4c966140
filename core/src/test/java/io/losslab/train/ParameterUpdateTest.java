package io.losslab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The optimisers take the steps torch.optim takes, written out here for three steps. */
class ParameterUpdateTest {

    private static final float[] GRADIENT = {0.5f, -2f, 1e-3f};
    private static final float[] START = {1f, 1f, -1f};

    private static float[] run(ParameterUpdate update, int steps) {
        INDArray parameters = Nd4j.createFromArray(START.clone());
        for (int t = 0; t < steps; t++) {
            update.apply(parameters, Nd4j.createFromArray(GRADIENT.clone()));
        }
        return parameters.toFloatVector();
    }

    @Test
    void adamMatchesTorchOptimAdam() {
        double lr = 0.1;
        double weightDecay = 0.01;
        float[] expected = new float[3];
        for (int i = 0; i < 3; i++) {
            double theta = START[i];
            double m = 0;
            double v = 0;
            for (int t = 1; t <= 3; t++) {
                double g = GRADIENT[i] + weightDecay * theta;
                m = 0.9 * m + 0.1 * g;
                v = 0.999 * v + 0.001 * g * g;
                double mHat = m / (1 - Math.pow(0.9, t));
                double vHat = v / (1 - Math.pow(0.999, t));
                theta -= lr * mHat / (Math.sqrt(vHat) + 1e-8);
            }
            expected[i] = (float) theta;
        }
        float[] actual = run(new ParameterUpdate(NdTrainer.Optimiser.ADAM, lr, 0, weightDecay, 3), 3);
        assertArrayEquals(expected, actual, 1e-5f);
    }

    @Test
    void sgdWithMomentumMatchesTorchOptimSgd() {
        double lr = 0.1;
        double momentum = 0.9;
        float[] expected = new float[3];
        for (int i = 0; i < 3; i++) {
            double theta = START[i];
            double velocity = 0;
            for (int t = 1; t <= 3; t++) {
                velocity = momentum * velocity + GRADIENT[i];
                theta -= lr * velocity;
            }
            expected[i] = (float) theta;
        }
        assertArrayEquals(expected, run(new ParameterUpdate(NdTrainer.Optimiser.SGD, lr, momentum, 0, 3), 3), 1e-6f);
        float[] plain = run(new ParameterUpdate(NdTrainer.Optimiser.SGD, lr, 0, 0, 3), 2);
        assertArrayEquals(new float[] {START[0] - 0.1f, START[1] + 0.4f, START[2] - 0.0002f}, plain, 1e-6f);
    }
}
