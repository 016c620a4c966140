package io.losslab.loss;

import java.util.EnumSet;
import java.util.Set;

/**
 * {@code gp-kl}: a symmetric divergence between two multi-label score vectors, for R-Drop on
 * sigmoid outputs: {@code Σ_i (σ(s_i) - σ(t_i))(s_i - t_i)}, summed over the classes. The
 * targets are the second pass's logits t; the gradient returned is with respect to s
 * (by symmetry, the one for t is the same expression with s and t swapped).
 *
 * <p>{@code ∂/∂s_i = σ(s_i)σ(-s_i)(s_i - t_i) + σ(s_i) - σ(t_i)}.
 */
final class GpKlDivergence extends SigmoidLoss {

    @Override
    public String spec() {
        return "gp-kl";
    }

    @Override
    public Set<Targets.Kind> acceptedTargets() {
        return EnumSet.of(Targets.Kind.SCORES);
    }

    @Override
    double exampleLoss(LogitRow row, Targets targets, int example, double factor) {
        double value = 0;
        for (int k = 0; k < row.classes; k++) {
            double s = row.get(k);
            double t = targets.target(example, k);
            double e = LogitMath.expOfMinusAbs(s);
            double sigmaS = LogitMath.sigmoid(s, e);
            double sigmaGap = sigmaS - LogitMath.sigmoid(t, LogitMath.expOfMinusAbs(t));
            double logitGap = s - t;
            value += sigmaGap * logitGap;
            // σ(s)σ(-s) rather than σ(s)(1 - σ(s)), which would lose the digits of a tiny 1 - σ(s).
            row.set(k, factor * (sigmaS * LogitMath.sigmoid(-s, e) * logitGap + sigmaGap));
        }
        return value;
    }
}
