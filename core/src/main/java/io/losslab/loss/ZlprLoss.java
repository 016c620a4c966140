package io.losslab.loss;

import java.util.EnumSet;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code zlpr} and {@code zlpr-soft}: "softmax + cross-entropy" generalised to multi-label
 * classification, with the threshold fixed at zero (predict class i when {@code s_i > 0}):
 * {@code log(1 + Σ_i (1-t_i) e^{s_i}) + log(1 + Σ_i t_i e^{-s_i})}. For 0/1 targets the sums
 * run over the negative and the positive classes ({@code zlpr}); {@code zlpr-soft} takes
 * targets in [0, 1] and reduces to {@code zlpr} on 0/1 ones.
 */
final class ZlprLoss extends SigmoidLoss {

    private final boolean soft;

    ZlprLoss(boolean soft) {
        this.soft = soft;
    }

    @Override
    public String spec() {
        return soft ? "zlpr-soft" : "zlpr";
    }

    @Override
    public Set<Targets.Kind> acceptedTargets() {
        return soft ? PER_CLASS : EnumSet.of(Targets.Kind.CLASSES, Targets.Kind.MULTI_LABEL);
    }

    @Override
    LossResult computeValid(INDArray logits, Targets targets, Reduction reduction) {
        INDArray t = targets.matrix(logits.dataType());
        INDArray[] negatives = LogitMath.logOnePlusWeightedSumExp(logits, t.rsub(1.0));
        INDArray[] positives = LogitMath.logOnePlusWeightedSumExp(logits.neg(), t);
        double factor = reduction.factor(logits.rows());
        double value = negatives[0].sumNumber().doubleValue() + positives[0].sumNumber().doubleValue();
        INDArray gradient = negatives[1].subi(positives[1]).muli(factor);
        return new LossResult(value * factor, gradient);
    }
}
