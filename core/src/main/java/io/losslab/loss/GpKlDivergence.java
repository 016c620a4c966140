package io.losslab.loss;

import java.util.EnumSet;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code gp-kl}: a symmetric divergence between two multi-label score vectors, for R-Drop on
 * sigmoid outputs: {@code Σ_i (σ(s_i) - σ(t_i))(s_i - t_i)}, summed over the classes. The
 * targets are the second pass's logits t; the gradient returned is with respect to s
 * (by symmetry, the one for t is the same expression with s and t swapped).
 *
 * <p>{@code ∂/∂s_i = σ(s_i)(1 - σ(s_i))(s_i - t_i) + σ(s_i) - σ(t_i)}.
 */
final class GpKlDivergence extends SigmoidLoss {

    @Override
    public String spec() {
        return "gp-kl";
    }

    @Override
    public Set<Targets.Kind> acceptedTargets() {
        return EnumSet.of(Targets.Kind.SCORES);
    }

    @Override
    LossResult computeValid(INDArray s, Targets targets, Reduction reduction) {
        INDArray t = targets.matrix(s.dataType());
        INDArray sigmaS = Transforms.sigmoid(s, true);
        INDArray sigmaGap = sigmaS.sub(Transforms.sigmoid(t, true));
        INDArray logitGap = s.sub(t);
        double factor = reduction.factor(s.rows());
        double value = sigmaGap.mul(logitGap).sumNumber().doubleValue() * factor;
        INDArray gradient = sigmaS.rsub(1.0).muli(sigmaS).muli(logitGap).addi(sigmaGap).muli(factor);
        return new LossResult(value, gradient);
    }
}
