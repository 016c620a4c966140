package io.losslab.loss;

/**
 * A {@link FusedLoss} on one class per example, computed from the softmax of the row: each
 * example's loss is written against its label alone.
 */
abstract class SingleLabelLoss extends FusedLoss {

    /**
     * The loss of one example, with its gradient row left in {@code row}.
     *
     * @param row     the example's logits, to be turned into its gradient times {@code factor}
     * @param label   the example's class
     * @param factor  the reduction's factor, which the gradient carries and the value does not
     * @return the example's loss, NaN if a logit of the row is NaN or infinite
     */
    abstract double example(LogitRow row, int label, double factor);

    @Override
    final double rowLoss(LogitRow row, Targets targets, int example, double factor) {
        return example(row, targets.labelOf(example), factor);
    }

    /**
     * Softmax cross-entropy of the row z against {@code label}, {@code log Σ e^{z - m} - (z_y - m)},
     * leaving {@code (softmax(z) - onehot(y)) · gradientScale} in the row: one exp pass serves both.
     */
    static double crossEntropy(LogitRow row, int label, double gradientScale) {
        double logit = row.get(label);
        double others = row.expAndSumOthers(label);
        double sum = others + row.get(label);
        double picked = logit - row.offset();
        row.scale(gradientScale / sum);
        row.set(label, row.get(label) - gradientScale);
        return Math.log(sum) - picked;
    }
}
