package io.losslab.loss;

import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A loss on a batch of logits: its value and its gradient with respect to the logits.
 *
 * <p>A loss is immutable and written once as an ND4J computation; it runs in the data type of
 * the logits (float32 or float64) on whichever ND4J backend is active. Build one from Java
 * through {@link Losses}, or from a spec string:
 *
 * <pre>{@code
 * Loss focal = Losses.parse("focal(gamma=2)");
 * LossResult r = focal.compute(logits, Targets.classes(labels, 10), Reduction.MEAN);
 * }</pre>
 *
 * <p>Losses that depend on the class distribution of the training set ({@code weighted-ce},
 * {@code logit-adjusted}, {@code balanced-softmax}, {@code ldam}) are bound to it with
 * {@link #withClassCounts(long[])}; computing with one that is not bound is an error.
 */
public interface Loss {

    /** The spec string that {@link Losses#parse(String)} turns back into this loss. */
    String spec();

    /** Which kinds of targets the loss accepts. */
    Set<Targets.Kind> acceptedTargets();

    /** How the loss turns logits into probabilities, for predictions and calibration. */
    Activation activation();

    /**
     * The batch value and its gradient with respect to {@code logits}.
     *
     * @param logits    an N×K matrix of float32 or float64 scores, all finite
     * @param targets   N targets over the same K classes
     * @param reduction whether the value is the mean over the batch or its sum
     * @throws IllegalArgumentException naming the argument and the bad value, before any work
     */
    LossResult compute(INDArray logits, Targets targets, Reduction reduction);

    /**
     * This loss bound to the training set's class counts; losses that do not use the class
     * distribution return themselves.
     */
    default Loss withClassCounts(long[] counts) {
        return this;
    }

    /** How logits become probabilities. */
    enum Activation {
        /** One distribution over the classes: {@code softmax(s)}. */
        SOFTMAX,
        /** An independent probability per class: {@code σ(s_k)}. */
        SIGMOID
    }
}
