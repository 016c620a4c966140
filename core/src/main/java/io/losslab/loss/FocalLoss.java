package io.losslab.loss;

/**
 * {@code focal}: {@code -α_y (1 - p_y)^γ log p_y} (Lin et al. 2017).
 *
 * <p>With {@code p = p_y} and {@code q = 1 - p}, the gradient is
 * {@code ∂L/∂s_j = α_y [q^γ - γ p q^{γ-1} log p] (p_j - δ_jy)}. Both q and {@code log p} are
 * computed without cancellation — q as the sum of the other classes' probabilities, {@code log p}
 * as {@code log1p(-q)} when q is small — and the term {@code p log p / q}, which tends to -1 as q
 * vanishes, is evaluated by its limit there. One exp pass serves the value and the gradient.
 */
final class FocalLoss extends SingleLabelLoss {

    /** The smallest q that is safe to divide by, in either precision. */
    private static final double TINY = 1e-30;
    /** The largest γ whose power is taken by repeated multiplication rather than {@code Math.pow}. */
    private static final int LARGEST_MULTIPLIED_GAMMA = 8;

    private final double gamma;
    /** γ when it is a whole number up to {@link #LARGEST_MULTIPLIED_GAMMA}, else -1. */
    private final int wholeGamma;
    private final double[] alpha;

    FocalLoss(double gamma, double[] alpha) {
        this.gamma = LossChecks.requireAtLeast("focal", "gamma", gamma, 0);
        this.wholeGamma = gamma == Math.rint(gamma) && gamma <= LARGEST_MULTIPLIED_GAMMA ? (int) gamma : -1;
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
    double example(LogitRow row, int label, double factor) {
        double logit = row.get(label);
        // q = Σ_{k≠y} p_k, summed on its own: the total less p_y would lose its digits where p_y is near 1.
        double others = row.expAndSumOthers(label);
        double picked = row.get(label);
        double sum = picked + others;
        double logitY = logit - row.offset();
        double p = picked / sum;
        double q = others / sum;
        double logP = q < 0.5 ? LogitMath.log1p(-q) : logitY - Math.log(sum);
        double focusing = focusing(q);
        double pLogPOverQ = q > TINY ? p * logP / q : -p;
        double a = alpha == null ? 1 : alpha[label];
        double coefficient = a * focusing * (1 - gamma * pLogPOverQ) * factor;
        row.scale(coefficient / sum);
        row.set(label, row.get(label) - coefficient);
        return -a * focusing * logP;
    }

    /** {@code q^γ}: by multiplication for a small whole γ (the usual 1, 2 or 3), which costs far less than {@code Math.pow}. */
    private double focusing(double q) {
        if (wholeGamma < 0) {
            return Math.pow(q, gamma);
        }
        double power = 1;
        for (int i = 0; i < wholeGamma; i++) {
            power *= q;
        }
        return power;
    }
}
