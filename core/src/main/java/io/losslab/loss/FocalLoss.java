package io.losslab.loss;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code focal}: {@code -α_y (1 - p_y)^γ log p_y} (Lin et al. 2017).
 *
 * <p>With {@code p = p_y} and {@code q = 1 - p}, the gradient is
 * {@code ∂L/∂s_j = α_y [q^γ - γ p q^{γ-1} log p] (p_j - δ_jy)}. Both {@code log q} and
 * {@code log p} are computed without cancellation — {@code log q} as a log-sum-exp over the other
 * classes, {@code log p} as {@code log1p(-q)} when q is small — and the term
 * {@code p log p / q}, which tends to -1 as q vanishes, is evaluated by its limit there.
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
        INDArray logP = LogitMath.logSoftmax(logits);
        INDArray logQ = LogitMath.logSumExpExcluding(logP, oneHot);
        INDArray q = Transforms.exp(logQ, true);
        INDArray logPy = accurateLogP(logP.mul(oneHot).sum(true, 1), q);
        INDArray py = Transforms.exp(logPy, true);
        INDArray focusing = Transforms.exp(logQ.mul(gamma), false);
        INDArray pLogPOverQ = pLogPOverQ(py, logPy, q, type);

        INDArray perExample = focusing.mul(logPy).negi();
        INDArray coefficient = focusing.mul(pLogPOverQ.muli(-gamma).addi(1.0));
        if (alpha != null) {
            INDArray a = perExample(alpha, oneHot);
            perExample.muli(a);
            coefficient.muli(a);
        }
        double factor = reduction.factor(logits.rows());
        INDArray gradient = Transforms.exp(logP, false).subi(oneHot).muliColumnVector(coefficient.muli(factor));
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
