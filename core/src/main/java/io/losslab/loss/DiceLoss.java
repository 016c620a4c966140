package io.losslab.loss;

import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code dice}: the soft F1 (Dice) loss over the whole batch, per class then averaged:
 * {@code 1 - (2 Σ_n p·t + ε) / (Σ_n p + Σ_n t + ε)}, with p the softmax of the logits for class
 * targets and the per-class sigmoid for multi-label or soft targets.
 *
 * <p>The value is a property of the batch, not of single examples; the {@code SUM} reduction
 * scales it by N like every other loss.
 */
final class DiceLoss extends NdLoss {

    private final double epsilon;

    DiceLoss(double epsilon) {
        this.epsilon = LossChecks.requireAtLeast("dice", "epsilon", epsilon, 0);
    }

    @Override
    public String spec() {
        return "dice(epsilon=" + LossSpecs.format(epsilon) + ")";
    }

    @Override
    public Set<Targets.Kind> acceptedTargets() {
        return PER_CLASS;
    }

    @Override
    LossResult computeValid(INDArray logits, Targets targets, Reduction reduction) {
        boolean softmax = targets.kind() == Targets.Kind.CLASSES;
        INDArray t = targets.matrix(logits.dataType());
        INDArray p = softmax ? Transforms.softmax(logits, true) : Transforms.sigmoid(logits, true);
        int numClasses = (int) logits.columns();

        INDArray overlap = p.mul(t).sum(true, 0).muli(2.0).addi(epsilon);
        INDArray total = p.sum(true, 0).addi(t.sum(true, 0)).addi(epsilon);
        double meanDice = overlap.div(total).sumNumber().doubleValue() / numClasses;

        // ∂(overlap/total)/∂p_nk = (2 t_nk total_k - overlap_k) / total_k², averaged over classes.
        INDArray totalSquared = total.mul(total);
        INDArray dValueDp = t.mul(2.0).muliRowVector(total).subiRowVector(overlap).diviRowVector(totalSquared)
                .muli(-1.0 / numClasses);
        INDArray gradient = softmax ? throughSoftmax(dValueDp, p) : dValueDp.muli(p).muli(p.rsub(1.0));

        double scale = reduction == Reduction.SUM ? logits.rows() : 1.0;
        return new LossResult((1 - meanDice) * scale, gradient.muli(scale));
    }

    /** The chain rule through a row-wise softmax: {@code p ⊙ (g - Σ_k g_k p_k)}. */
    private static INDArray throughSoftmax(INDArray g, INDArray p) {
        INDArray weightedMean = g.mul(p).sum(true, 1);
        return g.subiColumnVector(weightedMean).muli(p);
    }
}
