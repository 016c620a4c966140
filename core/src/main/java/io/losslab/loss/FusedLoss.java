package io.losslab.loss;

/**
 * A loss that is a sum over examples, each written as one fused pass over its row of logits: the
 * example's value and its gradient row come out of {@link #rowLoss}, which is the whole loss, and
 * {@link RowPass} runs it over the rows, on several threads for a large batch. Whether the logits
 * are finite is checked inside the pass, by the NaN that a bad entry leaves in its row's value,
 * and a bad batch is refused after it.
 */
abstract class FusedLoss extends AbstractLoss {

    /**
     * The loss of one example, with its gradient row left in {@code row}.
     *
     * @param row     the example's logits, to be turned into its gradient times {@code factor}
     * @param targets the batch's targets
     * @param example the example's index in the batch
     * @param factor  the reduction's factor, which the gradient carries and the value does not
     * @return the example's loss, NaN if a logit of the row is NaN or infinite
     */
    abstract double rowLoss(LogitRow row, Targets targets, int example, double factor);

    /**
     * The factor that turns the sum of the examples' losses into the reduction, carried by every
     * gradient row: 1/N for a mean, 1 for a sum, unless the loss normalises otherwise.
     */
    double reductionFactor(Targets targets, Reduction reduction) {
        return reduction.factor(targets.numExamples());
    }

    @Override
    final double computeChecked(HostBatch batch, Targets targets, Reduction reduction) {
        double factor = reductionFactor(targets, reduction);
        double sum = RowPass.run(batch, (row, example) -> rowLoss(row, targets, example, factor));
        LossChecks.requireFiniteWhenNaN(sum, batch);
        return sum * factor;
    }
}
