package io.losslab.loss;

import java.util.EnumSet;
import java.util.Set;

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

    /**
     * The two terms over the row, {@code log(1 + Σ_i w_i e^{a_i})} with the negatives' weights
     * {@code 1 - t} on {@code a = s} and the positives' {@code t} on {@code a = -s}; the gradient
     * of each is {@code w e^a / (1 + Σ w e^a)}. Each sum is shifted by its largest exponent (at
     * least 0) so that no term overflows, and an entry of zero weight takes no part, however
     * large its exponent.
     */
    @Override
    double exampleLoss(LogitRow row, Targets targets, int example, double factor) {
        double negativeShift = 0;
        double positiveShift = 0;
        for (int k = 0; k < row.classes; k++) {
            double s = row.get(k);
            double t = targets.target(example, k);
            negativeShift = t < 1 ? Math.max(negativeShift, s) : negativeShift;
            positiveShift = t > 0 ? Math.max(positiveShift, -s) : positiveShift;
        }
        double negativeSum = 0;
        double positiveSum = 0;
        for (int k = 0; k < row.classes; k++) {
            double s = row.get(k);
            double t = targets.target(example, k);
            negativeSum += weighted(1 - t, s - negativeShift);
            positiveSum += weighted(t, -s - positiveShift);
        }
        double negativeTotal = negativeSum + Math.exp(-negativeShift);
        double positiveTotal = positiveSum + Math.exp(-positiveShift);
        for (int k = 0; k < row.classes; k++) {
            double s = row.get(k);
            double t = targets.target(example, k);
            double negativePart = weighted(1 - t, s - negativeShift) / negativeTotal;
            double positivePart = weighted(t, -s - positiveShift) / positiveTotal;
            row.set(k, factor * (negativePart - positivePart));
        }
        return logOnePlus(negativeSum, negativeShift) + logOnePlus(positiveSum, positiveShift);
    }

    /** {@code w e^a}, and 0 for a weight of 0 whatever a is. */
    private static double weighted(double weight, double exponent) {
        return weight == 0 ? 0 : weight * Math.exp(exponent);
    }

    /**
     * {@code log(1 + Σ)} from the sum shifted by {@code e^{-shift}}; where nothing was shifted it
     * is log1p of the sum itself, which keeps tiny sums exact.
     */
    private static double logOnePlus(double shiftedSum, double shift) {
        return shift == 0 ? LogitMath.log1p(shiftedSum) : shift + Math.log(shiftedSum + Math.exp(-shift));
    }
}
