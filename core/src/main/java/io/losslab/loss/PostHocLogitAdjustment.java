package io.losslab.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Post-hoc logit adjustment (Menon et al. 2021): take a model trained with plain {@code ce} and
 * predict {@code argmax_k s_k - τ log π_k}, removing the training prior from its scores.
 *
 * <pre>{@code
 * PostHocLogitAdjustment adjust = new PostHocLogitAdjustment(ClassPrior.fromCounts(counts), 1.0);
 * int[] predicted = adjust.predict(scores);
 * }</pre>
 */
public final class PostHocLogitAdjustment {

    private final ClassPrior prior;
    private final double tau;

    /**
     * @param prior the training set's class prior
     * @param tau   the strength τ >= 0; 0 leaves the scores as they are
     */
    public PostHocLogitAdjustment(ClassPrior prior, double tau) {
        if (prior == null) {
            throw new IllegalArgumentException("prior must be given, but is null");
        }
        this.prior = prior;
        this.tau = LossChecks.requireAtLeast("post-hoc logit adjustment", "tau", tau, 0);
    }

    /** The adjusted scores {@code s - τ log π}, as a new N×K array. */
    public INDArray adjust(INDArray scores) {
        if (scores.rank() != 2 || scores.columns() != prior.numClasses()) {
            throw new IllegalArgumentException("scores must be N×" + prior.numClasses() + " to match the prior, but have shape "
                    + java.util.Arrays.toString(scores.shape()));
        }
        INDArray logPrior = Nd4j.create(prior.log(), new long[] {1, prior.numClasses()}, 'c').castTo(scores.dataType());
        return scores.subRowVector(logPrior.muli(tau));
    }

    /** The predicted class of each row after adjustment. */
    public int[] predict(INDArray scores) {
        return adjust(scores).argMax(1).toIntVector();
    }

    /** τ. */
    public double tau() {
        return tau;
    }

    /** The prior it removes. */
    public ClassPrior prior() {
        return prior;
    }
}
