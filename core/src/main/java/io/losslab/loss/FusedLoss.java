package io.losslab.loss;

import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A single-label loss written as one fused pass over each row of logits: its value and its
 * gradient row come out of {@link #example}, which is the whole loss. ND4J logits are read in
 * place from their host buffer and the gradient is written straight into its array; host arrays
 * are read and written directly. Whether the logits are finite is checked inside the pass, by
 * the NaN that a bad entry leaves in its row's sum, and a bad batch is refused after it.
 */
abstract class FusedLoss extends AbstractLoss {

    /**
     * The loss of one example, with its gradient row left in {@code row}.
     *
     * @param row     the example's logits, to be turned into its gradient times {@code factor}
     * @param label   the example's class
     * @param factor  the reduction's factor, which the gradient carries and the value does not
     * @return the example's loss, NaN if a logit of the row is NaN or infinite
     */
    abstract double example(LogitRow row, int label, double factor);

    /**
     * Softmax cross-entropy of the row z against {@code label}, {@code log Σ e^{z - m} - (z_y - m)},
     * leaving {@code (softmax(z) - onehot(y)) · gradientScale} in the row: one exp pass serves both.
     * The offset m starts as the target's own logit, which a trained model puts near the top.
     */
    static double crossEntropy(LogitRow row, int label, double gradientScale) {
        double logit = row.get(label);
        double sum = row.expAndSum(logit);
        double picked = logit - row.offset();
        row.scale(gradientScale / sum);
        row.set(label, row.get(label) - gradientScale);
        return Math.log(sum) - picked;
    }

    /**
     * Reads the logits in place when they are a whole row-major buffer (else a row-major copy) and
     * writes the gradient in place when it is one (else into a copy that is then assigned).
     */
    @Override
    final double computeChecked(INDArray logits, Targets targets, Reduction reduction, INDArray gradient) {
        INDArray source = isWholeBuffer(logits) ? logits : logits.dup('c');
        INDArray target = isWholeBuffer(gradient) ? gradient : source.ulike();
        Nd4j.getAffinityManager().ensureLocation(source, AffinityManager.Location.HOST);
        double value = computeChecked(HostBatch.of(source, target), targets, reduction);
        Nd4j.getAffinityManager().tagLocation(target, AffinityManager.Location.HOST);
        if (target != gradient) {
            gradient.assign(target);
        }
        return value;
    }

    @Override
    final double computeChecked(HostBatch batch, Targets targets, Reduction reduction) {
        double factor = reduction.factor(batch.rows());
        double sum = RowPass.run(batch, (row, example) -> example(row, targets.labelOf(example), factor));
        if (Double.isNaN(sum)) {
            LossChecks.requireFinite(batch);
        }
        return sum * factor;
    }

    /** Whether the array is row-major and alone in its buffer from the start, so that the buffer is the matrix. */
    private static boolean isWholeBuffer(INDArray array) {
        return array.ordering() == 'c' && array.offset() == 0 && array.elementWiseStride() == 1
                && array.data().length() == array.length();
    }
}
