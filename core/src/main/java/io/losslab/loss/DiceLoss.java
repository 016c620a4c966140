package io.losslab.loss;

import java.util.Set;

/**
 * {@code dice}: the soft F1 (Dice) loss over the whole batch, per class then averaged:
 * {@code 1 - (2 Σ_n p·t + ε) / (Σ_n p + Σ_n t + ε)}, with p the softmax of the logits for class
 * targets and the per-class sigmoid for multi-label or soft targets.
 *
 * <p>With {@code ε = 0}, a class that has no targets in the batch has the ratio {@code 0 / Σ_n p},
 * which is 0 for every {@code Σ_n p > 0}; its term stays 0, with zero gradient, when its
 * probabilities underflow to 0 and the ratio would read {@code 0 / 0}.
 *
 * <p>The value is a property of the batch, not of single examples; the {@code SUM} reduction
 * scales it by N like every other loss. It takes two passes over the rows: the first turns the
 * logits into probabilities, left in the gradient's buffer, while it adds up the per-class sums;
 * the second, which needs those sums, turns each probability row into its gradient row.
 */
final class DiceLoss extends AbstractLoss {

    private final double epsilon;

    DiceLoss(double epsilon) {
        this.epsilon = LossChecks.requireAtLeast("dice", "epsilon", epsilon, 0);
    }

    @Override
    public String spec() {
        return "dice(epsilon=" + LossSpecs.format(epsilon) + ")";
    }

    @Override
    public Set<Targets.Kind> acceptedTargets() {
        return PER_CLASS;
    }

    @Override
    double computeChecked(HostBatch batch, Targets targets, Reduction reduction) {
        int classes = batch.classes();
        boolean softmax = targets.kind() == Targets.Kind.CLASSES;
        // Per class Σ_n p·t, then Σ_n p, then Σ_n t, then the NaN mark of a logit that is not finite.
        double[] sums = RowPass.run(batch, 3 * classes + 1,
                (row, example, into) -> probabilities(row, targets, example, softmax, into));
        LossChecks.requireFiniteWhenNaN(sums[3 * classes], batch);

        double scale = reduction == Reduction.SUM ? batch.rows() : 1;
        double meanDice = 0;
        // ∂value/∂p_nk = scale · (ratio_k - 2 t_nk) / (K total_k) = constant_k + t_nk · perTarget_k;
        // the ratio is divided by the total once more, not its square, which can underflow to 0.
        double[] constant = new double[classes];
        double[] perTarget = new double[classes];
        for (int k = 0; k < classes; k++) {
            double targetTotal = sums[2 * classes + k];
            double total = sums[classes + k] + targetTotal + epsilon;
            if (total == 0) {
                // ε = 0, no targets and every probability underflowed: the term and its slope are 0.
                continue;
            }
            double ratio = (2 * sums[k] + epsilon) / total;
            meanDice += ratio / classes;
            constant[k] = scale * ratio / (classes * total);
            // A class without targets has t_nk = 0 throughout, so its per-target slope multiplies
            // only zeros: it stays 0 rather than the infinity a subnormal total would give.
            perTarget[k] = targetTotal == 0 ? 0 : -2 * scale / (classes * total);
        }
        RowPass.run(batch.overGradient(), 0,
                (row, example, none) -> gradient(row, targets, example, softmax, constant, perTarget));
        return (1 - meanDice) * scale;
    }

    /** Turns the row into its probabilities and adds its share of the per-class sums. */
    private static void probabilities(LogitRow row, Targets targets, int example, boolean softmax, double[] sums) {
        int classes = row.classes;
        if (softmax) {
            int label = targets.labelOf(example);
            double others = row.expAndSumOthers(label);
            double sum = others + row.get(label);
            row.scale(1 / sum);
            sums[3 * classes] += sum - sum;
        } else {
            sums[3 * classes] += row.nanUnlessFinite();
            for (int k = 0; k < classes; k++) {
                double s = row.get(k);
                row.set(k, LogitMath.sigmoid(s, LogitMath.expOfMinusAbs(s)));
            }
        }
        for (int k = 0; k < classes; k++) {
            double p = row.get(k);
            double t = targets.target(example, k);
            sums[k] += p * t;
            sums[classes + k] += p;
            sums[2 * classes + k] += t;
        }
    }

    /**
     * Turns a row of probabilities into the gradient, by the chain rule from {@code g = ∂value/∂p}:
     * through the softmax {@code p ⊙ (g - Σ_k g_k p_k)}, through the sigmoid {@code g p (1 - p)}.
     */
    private static void gradient(LogitRow row, Targets targets, int example, boolean softmax, double[] constant,
            double[] perTarget) {
        double weightedMean = 0;
        if (softmax) {
            for (int k = 0; k < row.classes; k++) {
                weightedMean += slope(targets, example, k, constant, perTarget) * row.get(k);
            }
        }
        for (int k = 0; k < row.classes; k++) {
            double p = row.get(k);
            double g = slope(targets, example, k, constant, perTarget);
            row.set(k, softmax ? p * (g - weightedMean) : g * p * (1 - p));
        }
    }

    /** {@code ∂value/∂p} at entry {@code (example, k)}. */
    private static double slope(Targets targets, int example, int k, double[] constant, double[] perTarget) {
        return constant[k] + targets.target(example, k) * perTarget[k];
    }
}
