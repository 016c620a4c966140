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
    public LossResult compute(INDArray logits, Targets targets, Reduction reduction) {
        LossResult mean = inner.compute(logits, targets, Reduction.MEAN);
        double direction = direction(mean.value(), reduction, targets);
        return new LossResult(flooded(mean.value(), reduction, targets), mean.gradient().muli(direction));
    }

    @Override
    public double compute(INDArray logits, Targets targets, Reduction reduction, INDArray gradient) {
        double mean = inner.compute(logits, targets, Reduction.MEAN, gradient);
        gradient.muli(direction(mean, reduction, targets));
        return flooded(mean, reduction, targets);
    }

    @Override
    public double compute(float[] logits, Targets targets, Reduction reduction, float[] gradient) {
        double mean = inner.compute(logits, targets, Reduction.MEAN, gradient);
        float direction = (float) direction(mean, reduction, targets);
        for (int i = 0; i < gradient.length; i++) {
            gradient[i] *= direction;
        }
        return flooded(mean, reduction, targets);
    }

    @Override
    public double compute(double[] logits, Targets targets, Reduction reduction, double[] gradient) {
        double mean = inner.compute(logits, targets, Reduction.MEAN, gradient);
        double direction = direction(mean, reduction, targets);
        for (int i = 0; i < gradient.length; i++) {
            gradient[i] *= direction;
        }
        return flooded(mean, reduction, targets);
    }

    /** The factor of the inner mean loss's gradient: ±1 by the side of the level, times N for a sum. */
    private double direction(double mean, Reduction reduction, Targets targets) {
        double scale = reduction == Reduction.SUM ? targets.numExamples() : 1.0;
        return mean >= level ? scale : -scale;
    }

    private double flooded(double mean, Reduction reduction, Targets targets) {
        double scale = reduction == Reduction.SUM ? targets.numExamples() : 1.0;
        return (Math.abs(mean - level) + level) * scale;
    }

    @Override
    public String toString() {
        return spec();
    }
}
