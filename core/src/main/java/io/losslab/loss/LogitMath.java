package io.losslab.loss;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The numerically stable pieces the losses share: softmax cross-entropy with its gradient,
 * log1p, softplus, and {@code log(1 + Σ w e^a)}. Nothing here takes the log of a number that can
 * be zero or the exp of a number that can overflow.
 */
final class LogitMath {

    private LogitMath() {
    }

    /**
     * A finite stand-in for -∞ when masking logits: far below any logit, yet its exp is exactly 0
     * and it does not overflow when scaled by a 0/1 mask.
     */
    static double maskValue(DataType type) {
        return type == DataType.FLOAT ? -1e30 : -1e300;
    }

    /** The smallest magnitude that is safe to divide by in {@code type}. */
    static double tiny(DataType type) {
        return type == DataType.FLOAT ? 1e-30 : 1e-200;
    }

    /**
     * Softmax cross-entropy of the transformed logits {@code z} against the one-hot rows of
     * {@code y}, each example weighted by {@code weights} (N×1, or null for 1), reduced, and with
     * the gradient with respect to {@code z} multiplied by {@code chain} — the derivative of z
     * with respect to the caller's logits.
     *
     * <p>One exp pass and one N×K array, which becomes the gradient: with {@code g = z - max},
     * the loss is {@code log Σ e^g - g_y} and the gradient {@code e^g / Σ e^g - y}.
     */
    static LossResult crossEntropy(INDArray z, INDArray y, INDArray weights, Reduction reduction, double chain) {
        long n = z.rows();
        INDArray g = z.subColumnVector(z.max(true, 1));
        // The weighted loss needs g_y per example; the plain one only their total, a BLAS dot.
        INDArray pickedPerExample = weights == null ? null : g.mul(y).sum(true, 1);
        double pickedTotal = weights == null ? Nd4j.getBlasWrapper().dot(g.reshape(g.length()), y.reshape(y.length())) : 0;
        Transforms.exp(g, false);
        INDArray sum = g.sum(true, 1);
        INDArray logSum = Transforms.log(sum, true);
        double value = weights == null ? logSum.sumNumber().doubleValue() - pickedTotal
                : logSum.subi(pickedPerExample).muli(weights).sumNumber().doubleValue();
        INDArray gradient = g.diviColumnVector(sum).subi(y);
        if (weights != null) {
            gradient.muliColumnVector(weights);
        }
        double factor = reduction.factor(n);
        gradient.muli(factor * chain);
        return new LossResult(value * factor, gradient);
    }

    /**
     * {@code log(1 + x)} accurate for tiny x, elementwise, as a new array. ND4J's log1p rounds
     * {@code 1 + x} first and so returns 0 for |x| below machine epsilon; this uses
     * {@code log(u)·x/(u - 1)} with {@code u = 1 + x}, which cancels the rounding, and x itself
     * where u rounds to exactly 1.
     */
    static INDArray log1p(INDArray x) {
        INDArray u = x.add(1.0);
        INDArray roundedAway = u.sub(1.0);
        INDArray exact = roundedAway.eq(0.0).castTo(x.dataType());
        INDArray corrected = Transforms.log(u, false).muli(x).divi(roundedAway.addi(exact));
        return corrected.muli(exact.rsub(1.0)).addi(x.mul(exact));
    }

    /** Stable {@code log(1 + e^x)}, elementwise, as a new array. */
    static INDArray softplus(INDArray x) {
        INDArray tail = log1p(Transforms.exp(Transforms.abs(x, true).negi(), false));
        return Transforms.relu(x, true).addi(tail);
    }

    /**
     * Row-wise {@code f = log(1 + Σ_k w_k e^{a_k})} with non-negative weights {@code w}, and
     * {@code ∂f/∂a = w e^a / (1 + Σ w e^a)}. Entries of zero weight take no part, however large
     * their {@code a}.
     *
     * @return the N×1 values and the N×K gradient
     */
    static INDArray[] logOnePlusWeightedSumExp(INDArray a, INDArray w) {
        INDArray absent = w.eq(0.0).castTo(a.dataType());
        INDArray masked = absent.muli(maskValue(a.dataType())).addi(a);
        INDArray shift = Transforms.max(masked.max(true, 1), 0.0, false);
        INDArray terms = Transforms.exp(masked.subiColumnVector(shift), false).muli(w);
        INDArray sum = terms.sum(true, 1);
        INDArray denominator = sum.add(Transforms.exp(shift.neg(), false));
        // Where nothing was shifted, the value is log1p of the sum, which keeps tiny sums exact.
        INDArray unshifted = shift.eq(0.0).castTo(a.dataType());
        INDArray shifted = Transforms.log(denominator, true).addi(shift).muli(unshifted.rsub(1.0));
        INDArray value = log1p(sum).muli(unshifted).addi(shifted);
        return new INDArray[] {value, terms.diviColumnVector(denominator)};
    }

}
