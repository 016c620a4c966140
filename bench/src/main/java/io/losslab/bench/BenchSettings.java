package io.losslab.bench;

import java.util.List;

/**
 * Everything both sides of the comparison must agree on: the shapes, the timing method, the
 * thread count, the loss parameters and the seed. The Java side reads it directly; the Python
 * peer receives it on its command line.
 *
 * @param shapes  the logit matrices to time
 * @param plan    warm-up and timed runs
 * @param threads the threads ND4J computes with, and PyTorch is given
 * @param gamma   γ of the focal loss
 * @param tau     τ of the logit-adjusted loss
 * @param rho     the imbalance ratio of the class counts that bind the logit-adjusted loss
 * @param seed    the seed of the logits and the labels
 */
record BenchSettings(List<Shape> shapes, TimingPlan plan, int threads, double gamma, double tau, double rho,
        long seed) {

    /** The count of the largest class; the smallest has {@code HEAD_COUNT / rho}. */
    static final double HEAD_COUNT = 5000;

    /**
     * Long-tailed class counts with an exponential profile, {@code n_k = HEAD_COUNT · ρ^(-k/(K-1))}
     * rounded, as in the long-tailed CIFAR and Fashion-MNIST benchmarks. The Python peer computes
     * the same counts.
     */
    long[] classCounts(int numClasses) {
        long[] counts = new long[numClasses];
        for (int k = 0; k < numClasses; k++) {
            double position = numClasses == 1 ? 0 : (double) k / (numClasses - 1);
            counts[k] = Math.round(HEAD_COUNT * Math.pow(rho, -position));
        }
        return counts;
    }
}
