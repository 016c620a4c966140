package io.losslab.loss;

/**
 * {@code logit-adjusted}: {@code -log softmax(s + τ log π)_y} (Menon et al. 2021). Adding the
 * log-prior during training lets the raw logits estimate the balanced posterior, so the plain
 * argmax is the balanced-error classifier. With τ = 1 this is {@code balanced-softmax}
 * (Ren et al. 2020), which keeps its own name.
 */
final class LogitAdjustedLoss extends SingleLabelLoss {

    private final String name;
    private final double tau;
    private final ClassPrior prior;
    private final boolean priorGiven;
    /** τ log π, added to every row of logits; null while the prior is unknown. */
    private final double[] shift;

    private LogitAdjustedLoss(String name, double tau, ClassPrior prior, boolean priorGiven) {
        this.name = name;
        this.tau = LossChecks.requireAtLeast(name, "tau", tau, 0);
        this.prior = prior;
        this.priorGiven = priorGiven;
        this.shift = prior == null ? null : scaled(prior.log(), this.tau);
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
    public boolean needsClassCounts() {
        return prior == null;
    }

    @Override
    void checkClasses(int numClasses) {
        if (needsClassCounts()) {
            throw unbound(spec());
        }
        requireLength(name, "prior", prior.probabilities(), numClasses);
    }

    @Override
    double example(LogitRow row, int label, double factor) {
        row.affine(shift, 1);
        return crossEntropy(row, label, factor);
    }
}
