package io.losslab.nn;

/**
 * Adam (Kingma and Ba 2015) as {@code torch.optim.Adam} computes it: β1 = 0.9, β2 = 0.999,
 * ε = 1e-8, bias correction, and optional L2 weight decay added to the gradient. One loop over
 * Java arrays, which the JIT vectorises.
 */
public final class Adam implements Optimiser {

    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final double learningRate;
    private final float weightDecay;
    private float[] firstMoment;
    private float[] secondMoment;
    private int step;
    /** The current step's η / (1 - β1^t) and 1 / √(1 - β2^t). */
    private float stepSize;
    private float secondCorrection;

    /**
     * @param learningRate η
     * @param weightDecay  λ >= 0, 0 for none
     */
    public Adam(double learningRate, double weightDecay) {
        this.learningRate = learningRate;
        this.weightDecay = (float) weightDecay;
    }

    @Override
    public void initialise(int parameterCount) {
        firstMoment = new float[parameterCount];
        secondMoment = new float[parameterCount];
        step = 0;
    }

    @Override
    public void beginStep() {
        step++;
        stepSize = (float) (learningRate / (1 - Math.pow(BETA1, step)));
        secondCorrection = (float) (1 / Math.sqrt(1 - Math.pow(BETA2, step)));
    }

    @Override
    public void step(float[] parameters, float[] gradients, int from, int to) {
        for (int i = from; i < to; i++) {
            float g = gradients[i] + weightDecay * parameters[i];
            float m = BETA1 * firstMoment[i] + (1 - BETA1) * g;
            float v = BETA2 * secondMoment[i] + (1 - BETA2) * g * g;
            firstMoment[i] = m;
            secondMoment[i] = v;
            parameters[i] -= stepSize * m / ((float) Math.sqrt(v) * secondCorrection + EPSILON);
        }
        if (step % Subnormals.PERIOD == 0) {
            Subnormals.flush(firstMoment, from, to);
            Subnormals.flush(secondMoment, from, to);
        }
    }
}
