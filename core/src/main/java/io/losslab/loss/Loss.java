package io.losslab.loss;

import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A loss on a batch of logits: its value and its gradient with respect to the logits.
 *
 * <p>A loss is immutable and written once; it runs in the data type of the logits (float32 or
 * float64). Every loss computes its value and gradient in one fused pass over each row of logits
 * on the host ({@code dice}, a property of the whole batch, in two), multi-threaded for large
 * batches; ND4J logits are read from their buffer in place, and the gradient written into the
 * caller's array when one is given. Training loops that hold their logits in Java arrays call
 * {@link #compute(float[], Targets, Reduction, float[])}, which skips ND4J altogether.
 *
 * <p>Build one from Java through {@link Losses}, or from a spec string:
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
     * The batch value, with its gradient written into {@code gradient} instead of a new array:
     * ND4J frees native memory only after a garbage collection, so a training loop that reuses one
     * gradient array saves fresh memory on every batch.
     *
     * @param gradient an array of the logits' shape and data type, overwritten with ∂value/∂logits;
     *                 when the logits turn out not to be finite its contents are unspecified
     * @throws IllegalArgumentException naming the argument and the bad value
     */
    double compute(INDArray logits, Targets targets, Reduction reduction, INDArray gradient);

    /**
     * The batch value, with its gradient written into {@code gradient}: the same computation as
     * {@link #compute(INDArray, Targets, Reduction)} on host arrays, without ND4J's per-call cost,
     * for training loops that keep their logits in Java arrays.
     *
     * @param logits    the N×K float32 scores in row-major order ({@code logits[n * K + k]}),
     *                  where N and K are those of {@code targets}
     * @param targets   N targets over K classes
     * @param reduction whether the value is the mean over the batch or its sum
     * @param gradient  N×K entries, overwritten with ∂value/∂logits; when the logits turn out not
     *                  to be finite its contents are unspecified
     * @throws IllegalArgumentException naming the argument and the bad value
     */
    double compute(float[] logits, Targets targets, Reduction reduction, float[] gradient);

    /** {@link #compute(float[], Targets, Reduction, float[])} in float64. */
    double compute(double[] logits, Targets targets, Reduction reduction, double[] gradient);

    /**
     * This loss bound to the training set's class counts; losses that do not use the class
     * distribution return themselves.
     */
    default Loss withClassCounts(long[] counts) {
        return this;
    }

    /**
     * Whether this loss uses the class distribution and has not been bound to it yet: computing
     * with it is refused until {@link #withClassCounts(long[])} binds it.
     */
    default boolean needsClassCounts() {
        return false;
    }

    /**
     * This loss with the scale σ of its prediction noise multiplied by {@code factor}, so that
     * training can anneal it: only a loss that smooths its prediction with noise has one
     * ({@code exact}, and {@code flooding} around it).
     *
     * @throws IllegalArgumentException if the loss has no noise scale, or {@code factor} is not a
     *     finite number > 0
     */
    default Loss withNoiseScaled(double factor) {
        throw new IllegalArgumentException(spec() + " has no noise scale σ to scale; exact has one");
    }

    /** How logits become probabilities. */
    enum Activation {
        /** One distribution over the classes: {@code softmax(s)}. */
        SOFTMAX,
        /** An independent probability per class: {@code σ(s_k)}. */
        SIGMOID
    }
}
