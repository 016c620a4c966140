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
        double scale = reduction == Reduction.SUM ? logits.rows() : 1.0;
        double direction = mean.value() >= level ? scale : -scale;
        double value = (Math.abs(mean.value() - level) + level) * scale;
        return new LossResult(value, mean.gradient().muli(direction));
    }

    @Override
    public String toString() {
        return spec();
    }
}
