package io.losslab.loss;

/**
 * How a loss reduces over the examples of a batch.
 *
 * <p>For every loss, the {@code SUM} value is N times the {@code MEAN} value; losses defined on
 * the whole batch (dice) follow the same rule so that losses stay comparable.
 */
public enum Reduction {
    /** The mean over the N examples. */
    MEAN,
    /** The sum over the N examples. */
    SUM;

    /** The factor that turns a sum over {@code n} examples into this reduction. */
    double factor(long n) {
        return this == MEAN ? 1.0 / n : 1.0;
    }
}
