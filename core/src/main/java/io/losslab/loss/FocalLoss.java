package io.losslab.loss;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code focal}: {@code -α_y (1 - p_y)^γ log p_y} (Lin et al. 2017).
 *
 * <p>With {@code p = p_y} and {@code q = 1 - p}, the gradient is
 * {@code ∂L/∂s_j = α_y [q^γ - γ p q^{γ-1} log p] (p_j - δ_jy)}. Both q and {@code log p} are
 * computed without cancellation — q as the sum of the other classes' probabilities, {@code log p}
 * as {@code log1p(-q)} when q is small — and the term {@code p log p / q}, which tends to -1 as q
 * vanishes, is evaluated by its limit there. One exp pass serves the value and the gradient.
 */
final class FocalLoss extends AbstractLoss {

    private final double gamma;
    private final double[] alpha;

    FocalLoss(double gamma, double[] alpha) {
        this.gamma = LossChecks.requireAtLeast("focal", "gamma", gamma, 0);
        if (alpha != null) {
            for (int k = 0; k < alpha.length; k++) {
                LossChecks.requireAtLeast("focal", "alpha[" + k + "]", alpha[k], 0);
            }
        }
        this.alpha = alpha == null ? null : alpha.clone();
    }

    @Override
    public String spec() {
        return "focal(gamma=" + LossSpecs.format(gamma) + (alpha == null ? "" : ", alpha=" + LossSpecs.format(alpha)) + ")";
    }

    @Override
    void checkClasses(int numClasses) {
        requireLength("focal", "alpha", alpha, numClasses);
    }

    @Override
    LossResult computeValid(INDArray logits, Targets targets, Reduction reduction) {
        DataType type = logits.dataType();
        INDArray oneHot = targets.matrix(type);
        INDArray shifted = logits.subColumnVector(logits.max(true, 1));
        INDArray probabilities = Transforms.exp(shifted, true);
        INDArray sum = probabilities.sum(true, 1);
        INDArray logSum = Transforms.log(sum, true);
        probabilities.diviColumnVector(sum);

        // p_y and q = Σ_{k≠y} p_k, each summed directly so that neither loses digits to the other.
        INDArray others = probabilities.mul(oneHot);
        INDArray py = others.sum(true, 1);
        INDArray q = others.rsubi(probabilities).sum(true, 1);
        INDArray logPy = accurateLogP(shifted.muli(oneHot).sum(true, 1).subi(logSum), q);
        INDArray focusing = Transforms.pow(q, gamma, true);
        INDArray pLogPOverQ = pLogPOverQ(py, logPy, q, type);

        INDArray perExample = focusing.mul(logPy).negi();
        INDArray coefficient = focusing.mul(pLogPOverQ.muli(-gamma).addi(1.0));
        if (alpha != null) {
            INDArray a = perExample(alpha, oneHot);
            perExample.muli(a);
            coefficient.muli(a);
        }
        double factor = reduction.factor(logits.rows());
        INDArray gradient = probabilities.subi(oneHot).muliColumnVector(coefficient.muli(factor));
        return new LossResult(perExample.sumNumber().doubleValue() * factor, gradient);
    }

    /** {@code log p}, from {@code log1p(-q)} where q is small and the log-softmax elsewhere. */
    private static INDArray accurateLogP(INDArray logSoftmaxP, INDArray q) {
        INDArray small = q.lt(0.5).castTo(q.dataType());
        INDArray fromQ = LogitMath.log1p(Transforms.min(q, 0.5, true).negi());
        return fromQ.muli(small).addi(logSoftmaxP.muli(small.rsub(1.0)));
    }

    /** {@code p log p / q}, and its limit {@code -p} where q is too small to divide by. */
    private static INDArray pLogPOverQ(INDArray p, INDArray logP, INDArray q, DataType type) {
        double tiny = LogitMath.tiny(type);
        INDArray divisible = q.gt(tiny).castTo(type);
        INDArray ratio = p.mul(logP).divi(Transforms.max(q, tiny, true));
        return ratio.muli(divisible).subi(p.mul(divisible.rsub(1.0)));
    }
}
