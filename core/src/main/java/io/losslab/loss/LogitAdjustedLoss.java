package io.losslab.loss;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code logit-adjusted}: {@code -log softmax(s + τ log π)_y} (Menon et al. 2021). Adding the
 * log-prior during training lets the raw logits estimate the balanced posterior, so the plain
 * argmax is the balanced-error classifier. With τ = 1 this is {@code balanced-softmax}
 * (Ren et al. 2020), which keeps its own name.
 */
final class LogitAdjustedLoss extends AbstractLoss {

    private final String name;
    private final double tau;
    private final ClassPrior prior;
    private final boolean priorGiven;

    private LogitAdjustedLoss(String name, double tau, ClassPrior prior, boolean priorGiven) {
        this.name = name;
        this.tau = LossChecks.requireAtLeast(name, "tau", tau, 0);
        this.prior = prior;
        this.priorGiven = priorGiven;
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
    LossResult computeValid(INDArray logits, Targets targets, Reduction reduction) {
        INDArray shift = row(prior.log(), logits.dataType()).muli(tau);
        INDArray adjusted = logits.addRowVector(shift);
        return LogitMath.crossEntropy(adjusted, targets.matrix(logits.dataType()), null, reduction, 1);
    }
}
