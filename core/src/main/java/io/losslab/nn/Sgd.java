package io.losslab.nn;

/**
 * Stochastic gradient descent as {@code torch.optim.SGD} computes it: optional L2 weight decay
 * added to the gradient, then with momentum μ a velocity {@code v = μv + g} and the step
 * {@code θ -= ηv}, without it {@code θ -= ηg}.
 */
public final class Sgd implements Optimiser {

    private final float learningRate;
    private final float momentum;
    private final float weightDecay;
    private float[] velocity;
    private int step;

    /**
     * @param learningRate η
     * @param momentum     μ in [0, 1), 0 for none
     * @param weightDecay  λ >= 0, 0 for none
     */
    public Sgd(double learningRate, double momentum, double weightDecay) {
        this.learningRate = (float) learningRate;
        this.momentum = (float) momentum;
        this.weightDecay = (float) weightDecay;
    }

    @Override
    public void initialise(int parameterCount) {
        velocity = new float[parameterCount];
        step = 0;
    }

    @Override
    public void beginStep() {
        step++;
    }

    @Override
    public void step(float[] parameters, float[] gradients, int from, int to) {
        for (int i = from; i < to; i++) {
            float g = gradients[i] + weightDecay * parameters[i];
            // With zero momentum the velocity is the gradient itself, as in torch.optim.SGD.
            float v = momentum * velocity[i] + g;
            velocity[i] = v;
            parameters[i] -= learningRate * v;
        }
        if (step % Subnormals.PERIOD == 0) {
            Subnormals.flush(velocity, from, to);
        }
    }
}
