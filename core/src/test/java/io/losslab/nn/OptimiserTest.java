package io.losslab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** The optimisers take the steps torch.optim takes, written out here for three steps. */
class OptimiserTest {

    private static final float[] GRADIENT = {0.5f, -2f, 1e-3f};
    private static final float[] START = {1f, 1f, -1f};

    private static float[] run(Optimiser optimiser, int steps) {
        float[] parameters = START.clone();
        float[] gradient = GRADIENT.clone();
        optimiser.initialise(parameters.length);
        for (int t = 0; t < steps; t++) {
            optimiser.step(parameters, gradient);
        }
        return parameters;
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
        float[] actual = run(new Adam(lr, weightDecay), 3);
        assertArrayEquals(expected, actual, 1e-5f);
    }

    @Test
    void sgdWithMomentumAndWeightDecayMatchesTorchOptimSgd() {
        double lr = 0.1;
        double momentum = 0.9;
        double weightDecay = 0.01;
        float[] expected = new float[3];
        for (int i = 0; i < 3; i++) {
            double theta = START[i];
            double velocity = 0;
            for (int t = 1; t <= 3; t++) {
                velocity = momentum * velocity + GRADIENT[i] + weightDecay * theta;
                theta -= lr * velocity;
            }
            expected[i] = (float) theta;
        }
        assertArrayEquals(expected, run(new Sgd(lr, momentum, weightDecay), 3), 1e-6f);
        float[] plain = run(new Sgd(lr, 0, 0), 2);
        assertArrayEquals(new float[] {START[0] - 0.1f, START[1] + 0.4f, START[2] - 0.0002f}, plain, 1e-6f);
    }

    @Test
    void initialisingAgainForgetsEarlierSteps() {
        Optimiser adam = new Adam(0.1, 0);
        float[] first = run(adam, 3);
        assertArrayEquals(first, run(adam, 3));
    }
}
