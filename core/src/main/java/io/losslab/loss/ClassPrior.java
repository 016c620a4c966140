package io.losslab.loss;

import java.util.Arrays;

/**
 * A class prior π: one positive probability per class, summing to one. Usually the training
 * set's class frequencies.
 *
 * <pre>{@code
 * ClassPrior prior = ClassPrior.fromCounts(new long[] {5000, 500, 50});
 * double[] logPrior = prior.log();
 * }</pre>
 */
public final class ClassPrior {

    private static final double SUM_TOLERANCE = 1e-6;

    private final double[] probabilities;

    private ClassPrior(double[] probabilities) {
        this.probabilities = probabilities;
    }

    /**
     * A prior given by its probabilities.
     *
     * @throws IllegalArgumentException if an entry is not a positive finite number, or they do not
     *     sum to 1 within 1e-6
     */
    public static ClassPrior of(double... probabilities) {
        if (probabilities.length == 0) {
            throw new IllegalArgumentException("prior must have at least one class, but is empty");
        }
        double sum = 0;
        for (int k = 0; k < probabilities.length; k++) {
            double p = probabilities[k];
            if (!(p > 0) || Double.isInfinite(p)) {
                throw new IllegalArgumentException("prior[" + k + "] = " + p
                        + " must be positive: every class needs a non-zero prior");
            }
            sum += p;
        }
        if (Math.abs(sum - 1) > SUM_TOLERANCE) {
            throw new IllegalArgumentException("prior must sum to 1 (within 1e-6), but sums to " + sum);
        }
        return new ClassPrior(probabilities.clone());
    }

    /**
     * The class frequencies {@code n_k / Σ n}.
     *
     * @throws IllegalArgumentException if a count is not positive
     */
    public static ClassPrior fromCounts(long... counts) {
        double total = 0;
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] <= 0) {
                throw new IllegalArgumentException("counts[" + k + "] = " + counts[k]
                        + " must be positive: every class needs at least one training example");
            }
            total += counts[k];
        }
        double[] p = new double[counts.length];
        for (int k = 0; k < counts.length; k++) {
            p[k] = counts[k] / total;
        }
        return of(p);
    }

    /** The number of classes K. */
    public int numClasses() {
        return probabilities.length;
    }

    /** The probabilities π_k. */
    public double[] probabilities() {
        return probabilities.clone();
    }

    /** The log-prior {@code log π_k}, finite because every π_k is positive. */
    public double[] log() {
        return Arrays.stream(probabilities).map(Math::log).toArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassPrior other && Arrays.equals(probabilities, other.probabilities);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(probabilities);
    }

    @Override
    public String toString() {
        return LossSpecs.format(probabilities);
    }
}
