package io.losslab.train;

import java.util.SplittableRandom;

/**
 * The order in which one epoch visits the training examples. Instance sampling is a shuffle
 * (every example once); class-balanced and square-root sampling draw N examples with replacement,
 * first a class with probability proportional to {@code n_k^q} (q = 0 and q = 1/2, Kang et al.
 * 2020), then an example of that class uniformly.
 */
final class BatchSampler {

    private final NdTrainer.Sampling sampling;
    private final int size;
    private final int[][] byClass;
    private final double[] cumulative;

    BatchSampler(NdTrainer.Sampling sampling, int[] labels, int numClasses) {
        this.sampling = sampling;
        this.size = labels.length;
        this.byClass = groupByClass(labels, numClasses);
        this.cumulative = cumulativeClassProbabilities(sampling, byClass);
    }

    /** Instance sampling of {@code size} examples, for data with no single class per example. */
    BatchSampler(int size) {
        this.sampling = NdTrainer.Sampling.INSTANCE;
        this.size = size;
        this.byClass = null;
        this.cumulative = null;
    }

    /** The example indices of the next epoch, N of them. */
    int[] epoch(SplittableRandom random) {
        return sampling == NdTrainer.Sampling.INSTANCE ? shuffle(random) : drawByClass(random);
    }

    private int[] shuffle(SplittableRandom random) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    private int[] drawByClass(SplittableRandom random) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            int k = firstAbove(random.nextDouble());
            order[i] = byClass[k][random.nextInt(byClass[k].length)];
        }
        return order;
    }

    /** The first class whose cumulative probability exceeds u: never an empty class, as u < 1. */
    private int firstAbove(double u) {
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (cumulative[middle] > u) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }

    private static int[][] groupByClass(int[] labels, int numClasses) {
        int[] counts = new int[numClasses];
        for (int label : labels) {
            counts[label]++;
        }
        int[][] byClass = new int[numClasses][];
        for (int k = 0; k < numClasses; k++) {
            byClass[k] = new int[counts[k]];
        }
        int[] filled = new int[numClasses];
        for (int i = 0; i < labels.length; i++) {
            byClass[labels[i]][filled[labels[i]]++] = i;
        }
        return byClass;
    }

    /**
     * {@code P(class ≤ k)} for classes drawn with probability ∝ n_k^q; an empty class adds
     * nothing. From the last non-empty class on it is exactly 1, so no rounding error can select
     * a class past it.
     */
    private static double[] cumulativeClassProbabilities(NdTrainer.Sampling sampling, int[][] byClass) {
        double exponent = sampling == NdTrainer.Sampling.SQUARE_ROOT ? 0.5 : 0;
        double[] cumulative = new double[byClass.length];
        double total = 0;
        int lastNonEmpty = 0;
        for (int k = 0; k < byClass.length; k++) {
            if (byClass[k].length > 0) {
                total += Math.pow(byClass[k].length, exponent);
                lastNonEmpty = k;
            }
            cumulative[k] = total;
        }
        for (int k = 0; k < byClass.length; k++) {
            cumulative[k] = k >= lastNonEmpty ? 1 : cumulative[k] / total;
        }
        return cumulative;
    }
}
