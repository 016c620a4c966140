package io.losslab.loss;

import java.util.Set;

/**
 * {@code dice}: the soft F1 (Dice) loss over the whole batch, per class then averaged:
 * {@code 1 - (2 Σ_n p·t + ε) / (Σ_n p + Σ_n t + ε)}, with p the softmax of the logits for class
 * targets and the per-class sigmoid for multi-label or soft targets.
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
        // Per class Σ_n p·t, then Σ_n (p + t), then the NaN mark of a logit that is not finite.
        double[] sums = RowPass.run(batch, 2 * classes + 1,
                (row, example, into) -> probabilities(row, targets, example, softmax, into));
        LossChecks.requireFiniteWhenNaN(sums[2 * classes], batch);

        double scale = reduction == Reduction.SUM ? batch.rows() : 1;
        double meanDice = 0;
        // ∂value/∂p_nk = scale · (overlap_k - 2 t_nk total_k) / (K total_k²) = constant_k + t_nk · perTarget_k.
        double[] constant = new double[classes];
        double[] perTarget = new double[classes];
        for (int k = 0; k < classes; k++) {
            double overlap = 2 * sums[k] + epsilon;
            double total = sums[classes + k] + epsilon;
            meanDice += overlap / total / classes;
            constant[k] = scale * overlap / (classes * total * total);
            perTarget[k] = -2 * scale / (classes * total);
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
            sums[2 * classes] += sum - sum;
        } else {
            sums[2 * classes] += row.nanUnlessFinite();
            for (int k = 0; k < classes; k++) {
                double s = row.get(k);
                row.set(k, LogitMath.sigmoid(s, LogitMath.expOfMinusAbs(s)));
            }
        }
        for (int k = 0; k < classes; k++) {
            double p = row.get(k);
            double t = targets.target(example, k);
            sums[k] += p * t;
            sums[classes + k] += p + t;
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
