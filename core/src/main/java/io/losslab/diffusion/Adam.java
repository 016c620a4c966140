package io.losslab.diffusion;

/**
 * Adam (Kingma and Ba 2015) with PyTorch's defaults and bias correction, on a flat parameter
 * array: β1 = 0.9, β2 = 0.999, ε = 1e-8, no weight decay. One loop over Java arrays, which the
 * JIT vectorises; the network's parameters are copied to ND4J once per step after it.
 */
final class Adam {

    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final double learningRate;
    private final float[] firstMoment;
    private final float[] secondMoment;
    private int step;

    Adam(double learningRate, int size) {
        this.learningRate = learningRate;
        this.firstMoment = new float[size];
        this.secondMoment = new float[size];
    }

    /** One update of {@code parameters} against {@code gradients}, both of the size given at creation. */
    void update(float[] parameters, float[] gradients) {
        step++;
        float stepSize = (float) (learningRate / (1 - Math.pow(BETA1, step)));
        float secondCorrection = (float) (1 / Math.sqrt(1 - Math.pow(BETA2, step)));
        for (int i = 0; i < parameters.length; i++) {
            float g = gradients[i];
            float m = BETA1 * firstMoment[i] + (1 - BETA1) * g;
            float v = BETA2 * secondMoment[i] + (1 - BETA2) * g * g;
            firstMoment[i] = m;
            secondMoment[i] = v;
            parameters[i] -= stepSize * m / ((float) Math.sqrt(v) * secondCorrection + EPSILON);
        }
    }
}
