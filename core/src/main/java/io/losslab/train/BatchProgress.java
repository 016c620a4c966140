package io.losslab.train;

import java.util.Locale;

/**
 * Where training stands after one batch.
 *
 * <pre>{@code
 * TrainingListener l = new TrainingListener() {
 *     public void batchFinished(BatchProgress p) { curves.addLoss(p.epochProgress(), p.loss()); }
 * };
 * }</pre>
 *
 * @param epoch           the epoch, from 1
 * @param batch           the batch within the epoch, from 1
 * @param batchesPerEpoch batches in every epoch
 * @param loss            the batch's mean loss
 * @param elapsedSeconds  seconds since training started
 */
public record BatchProgress(int epoch, int batch, int batchesPerEpoch, double loss, double elapsedSeconds) {

    /** Progress in epochs, e.g. 2.5 halfway through the third epoch: an x coordinate for curves. */
    public double epochProgress() {
        return epoch - 1 + batch / (double) batchesPerEpoch;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "epoch %d, batch %d/%d: loss %.4f (%.1f s)", epoch, batch, batchesPerEpoch,
                loss, elapsedSeconds);
    }
}
