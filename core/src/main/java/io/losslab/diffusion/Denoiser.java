package io.losslab.diffusion;

/** A prediction of the noise in noisy points, ε(x_t, t): what a sampler needs from a model. */
interface Denoiser {

    /**
     * The predicted noise of every point, into {@code noise} (same shape as {@code x}).
     *
     * @param steps  the step t of each point
     * @param labels the class of each point, or null for an unconditional model
     */
    void predict(double[][] x, int[] steps, int[] labels, double[][] noise);
}
