package io.losslab.loss;

import io.losslab.data.Normal;

/**
 * {@code exact}: one minus the expected accuracy of a noisy prediction (Karpukhin et al. 2022,
 * EXACT). The prediction is {@code argmax(s + σε)}, with ε a standard normal draw for each class
 * independently, and the loss is {@code 1 - P(argmax(s + σε) = y)}: a smooth stand-in for the
 * 0/1 error, which it approaches as σ shrinks. As in the paper, the loss is 1 - accuracy and not
 * its logarithm, so it stays in [0, 1] and an example the model gets badly wrong pulls no harder
 * than one it nearly gets right. An example wrong by many σ is not pulled at all, so σ is best
 * set near the spread the logits reach, and then shrunk (the trainer's {@code sigmaAnneal}): on
 * the bundled digits a linear model stalls at 0.49 test accuracy with σ = 1, where σ = 100
 * annealed to 10 reaches 0.96, as ce does.
 *
 * <p>With the target's noise fixed at {@code ε_y = z}, the class y wins when
 * {@code ε_k < m_k + z} for every other class k, where {@code m_k = (s_y - s_k)/σ}, and these
 * events are independent, so {@code P = E_z[Π_{k≠y} Φ(m_k + z)]} over a standard normal z:
 * exactly, a one-dimensional integral in place of the orthant probability of the K - 1 correlated
 * margins. A Gauss–Hermite rule of {@value #NODES} nodes evaluates it. Its error is below 1e-15
 * for two classes, below 1e-7 for ten classes with margins near 0 (where the integrand is
 * steepest) and about 2e-5 for a hundred or a thousand, and it shrinks as the margins grow. The
 * rule is fixed, so the value is deterministic and the gradient is that of the value computed:
 * {@code ∂L/∂s_k = (1/σ) E_z[φ(m_k + z) Π_{j≠k,y} Φ(m_j + z)]} for {@code k ≠ y}, and
 * {@code ∂L/∂s_y} is minus their sum. An example costs {@code (K - 1)·}{@value #NODES}
 * evaluations of Φ.
 *
 * <p>For two classes {@code P = Φ((s_y - s_other)/(σ√2))}, since the difference of the two
 * noises has standard deviation {@code σ√2}. The paper's binary form {@code Φ(l·f(x)/σ)} puts a
 * single noise on a single score f, so its σ is √2 times this one.
 */
final class ExactLoss extends SingleLabelLoss {

    /** The nodes of the Gauss–Hermite rule. */
    private static final int NODES = 32;
    private static final NormalQuadrature RULE = NormalQuadrature.withPoints(NODES);

    private final double sigma;

    ExactLoss(double sigma) {
        this.sigma = LossChecks.requirePositive("exact", "sigma", sigma);
    }

    @Override
    public String spec() {
        return "exact(sigma=" + LossSpecs.format(sigma) + ")";
    }

    @Override
    public Loss withNoiseScaled(double factor) {
        return new ExactLoss(sigma * LossChecks.requirePositive("exact", "noise scale factor", factor));
    }

    @Override
    double example(LogitRow row, int label, double factor) {
        double bad = row.nanUnlessFinite();
        if (bad != 0) {
            return bad; // the pass refuses the batch, so the integral is not worth computing
        }
        double[] margins = new double[row.classes];
        for (int k = 0; k < row.classes; k++) {
            margins[k] = (row.get(label) - row.get(k)) / sigma;
        }
        double[] slopes = new double[row.classes];
        double accuracy = accuracy(margins, label, slopes);
        // m_k falls by 1/σ as s_k rises, and every m_k rises by 1/σ with s_y.
        double scale = factor / sigma;
        double total = 0;
        for (int k = 0; k < row.classes; k++) {
            if (k != label) {
                row.set(k, scale * slopes[k]);
                total += slopes[k];
            }
        }
        row.set(label, -scale * total);
        return 1 - accuracy;
    }

    /**
     * {@code P = E_z[Π_{k≠y} Φ(m_k + z)]} by the rule, with {@code ∂P/∂m_k} added into
     * {@code slopes[k]} for every {@code k ≠ label}.
     */
    private static double accuracy(double[] margins, int label, double[] slopes) {
        double[] winning = new double[margins.length];
        double accuracy = 0;
        for (int i = 0; i < RULE.size(); i++) {
            double z = RULE.node(i);
            double weight = RULE.weight(i);
            double allWin = 1;
            for (int k = 0; k < margins.length; k++) {
                if (k != label) {
                    winning[k] = Normal.cdf(margins[k] + z);
                    allWin *= winning[k];
                }
            }
            accuracy += weight * allWin;
            for (int k = 0; k < margins.length; k++) {
                // Where Φ underflows to 0, φ is as small to within a factor of |m_k + z|: the term is 0.
                if (k != label && winning[k] > 0) {
                    slopes[k] += weight * Normal.density(margins[k] + z) * (allWin / winning[k]);
                }
            }
        }
        return accuracy;
    }
}
