package io.losslab.loss;

import java.util.Arrays;

/**
 * {@code logit-adjusted}: {@code -log softmax(s + τ log π)_y} (Menon et al. 2021). Adding the
 * log-prior during training lets the raw logits estimate the balanced posterior, so the plain
 * argmax is the balanced-error classifier. With τ = 1 this is {@code balanced-softmax}
 * (Ren et al. 2020), which keeps its own name.
 */
final class LogitAdjustedLoss extends FusedLoss {

    private final String name;
    private final double tau;
    private final ClassPrior prior;
    private final boolean priorGiven;
    /**
     * The largest spread of τ log π for which a row's maximum plus the largest shift may stand in
     * for the shifted row's maximum: the largest shifted term is then at least e^-20, far above
     * where the exp clamps, so the stand-in costs no accuracy and saves a pass over the row.
     */
    private static final double CLOSE_SPREAD = 20;

    /** τ log π, added to every row of logits; null while the prior is unknown. */
    private final double[] shift;
    /** The largest entry of {@link #shift}. */
    private final double largestShift;
    /** Whether the shift's entries lie within {@link #CLOSE_SPREAD} of each other. */
    private final boolean closeShift;

    private LogitAdjustedLoss(String name, double tau, ClassPrior prior, boolean priorGiven) {
        this.name = name;
        this.tau = LossChecks.requireAtLeast(name, "tau", tau, 0);
        this.prior = prior;
        this.priorGiven = priorGiven;
        this.shift = prior == null ? null : scaled(prior.log(), this.tau);
        this.largestShift = shift == null ? 0 : Arrays.stream(shift).max().orElse(0);
        this.closeShift = shift != null && largestShift - Arrays.stream(shift).min().orElse(0) <= CLOSE_SPREAD;
    }

    private static double[] scaled(double[] values, double factor) {
        double[] scaled = new double[values.length];
        for (int k = 0; k < values.length; k++) {
            scaled[k] = factor * values[k];
        }
        return scaled;
    }

    static LogitAdjustedLoss logitAdjusted(double tau, ClassPrior prior) {
        return new LogitAdjustedLoss("logit-adjusted", tau, prior, prior != null);
    }

    static LogitAdjustedLoss balancedSoftmax(ClassPrior prior) {
        return new LogitAdjustedLoss("balanced-softmax", 1.0, prior, prior != null);
    }

    @Override
    public String spec() {
        String priorSpec = priorGiven ? "prior=" + prior : "";
        if (name.equals("balanced-softmax")) {
            return priorGiven ? name + "(" + priorSpec + ")" : name;
        }
        return name + "(tau=" + LossSpecs.format(tau) + (priorGiven ? ", " + priorSpec : "") + ")";
    }

    @Override
    public Loss withClassCounts(long[] counts) {
        return priorGiven ? this : new LogitAdjustedLoss(name, tau, ClassPrior.fromCounts(counts), false);
    }

    @Override
    void checkClasses(int numClasses) {
        if (prior == null) {
            throw unbound(spec());
        }
        requireLength(name, "prior", prior.probabilities(), numClasses);
    }

    @Override
    double example(LogitRow row, int label, double max, double factor) {
        row.affine(shift, 1);
        return crossEntropy(row, label, closeShift ? max + largestShift : row.max(), factor);
    }
}
