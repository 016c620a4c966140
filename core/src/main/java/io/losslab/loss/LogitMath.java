package io.losslab.loss;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The numerically stable pieces the ND4J losses share: log1p, softplus, and {@code log(1 + Σ w e^a)}. Nothing here takes the log of a number that can
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
