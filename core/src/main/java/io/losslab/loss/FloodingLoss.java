package io.losslab.loss;

import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code flooding}: {@code |L - b| + b} around any batch loss L (Ishida et al. 2020). Above
 * the flood level b it is L; below it, the gradient turns round and pushes the training loss
 * back up, so that training hovers at b instead of driving the loss to zero. The level is
 * compared with the mean batch loss.
 */
final class FloodingLoss implements Loss {

    private final Loss inner;
    private final double level;

    FloodingLoss(Loss inner, double level) {
        if (inner == null) {
            throw new IllegalArgumentException("flooding: loss must be given, but is null");
        }
        this.inner = inner;
        this.level = LossChecks.requireAtLeast("flooding", "b", level, 0);
    }

    @Override
    public String spec() {
        return "flooding(b=" + LossSpecs.format(level) + ", loss=" + inner.spec() + ")";
    }

    @Override
    public Set<Targets.Kind> acceptedTargets() {
        return inner.acceptedTargets();
    }

    @Override
    public Activation activation() {
        return inner.activation();
    }

    @Override
    public Loss withClassCounts(long[] counts) {
        return new FloodingLoss(inner.withClassCounts(counts), level);
    }

    @Override
    public boolean needsClassCounts() {
        return inner.needsClassCounts();
    }

    @Override
    public Loss withNoiseScaled(double factor) {
        return new FloodingLoss(inner.withNoiseScaled(factor), level);
    }

    @Override
    public LossResult compute(INDArray logits, Targets targets, Reduction reduction) {
        LossResult result = inner.compute(logits, targets, reduction);
        if (isBelowLevel(result.value(), reduction, targets)) {
            result.gradient().negi();
        }
        return new LossResult(flooded(result.value(), reduction, targets), result.gradient());
    }

    @Override
    public double compute(INDArray logits, Targets targets, Reduction reduction, INDArray gradient) {
        double value = inner.compute(logits, targets, reduction, gradient);
        if (isBelowLevel(value, reduction, targets)) {
            gradient.negi();
        }
        return flooded(value, reduction, targets);
    }

    @Override
    public double compute(float[] logits, Targets targets, Reduction reduction, float[] gradient) {
        double value = inner.compute(logits, targets, reduction, gradient);
        if (isBelowLevel(value, reduction, targets)) {
            for (int i = 0; i < gradient.length; i++) {
                gradient[i] = -gradient[i];
            }
        }
        return flooded(value, reduction, targets);
    }

    @Override
    public double compute(double[] logits, Targets targets, Reduction reduction, double[] gradient) {
        double value = inner.compute(logits, targets, reduction, gradient);
        if (isBelowLevel(value, reduction, targets)) {
            for (int i = 0; i < gradient.length; i++) {
                gradient[i] = -gradient[i];
            }
        }
        return flooded(value, reduction, targets);
    }

    /**
     * Whether the inner loss's mean lies below the flood level: only then is its gradient turned
     * round, so that above the level the inner loss's own gradient is the answer, untouched.
     */
    private boolean isBelowLevel(double value, Reduction reduction, Targets targets) {
        return value / examplesSummed(reduction, targets) < level;
    }

    /** {@code |L - b| + b} for the mean L, times N for a sum. */
    private double flooded(double value, Reduction reduction, Targets targets) {
        double examples = examplesSummed(reduction, targets);
        return (Math.abs(value / examples - level) + level) * examples;
    }

    /** How many examples' mean losses a value of the reduction adds up: N for a sum, 1 for a mean. */
    private static double examplesSummed(Reduction reduction, Targets targets) {
        return reduction == Reduction.SUM ? targets.numExamples() : 1;
    }

    @Override
    public String toString() {
        return spec();
    }
}
