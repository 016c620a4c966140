package io.losslab.train;

import io.losslab.eval.ClassificationMetrics;
import java.util.Locale;

/**
 * Where training stands after one epoch.
 *
 * <pre>{@code
 * TrainingListener l = TrainingListener.onEpoch(p -> curves.addValidation(p.epoch(), p.validation().balancedAccuracy()));
 * }</pre>
 *
 * @param epoch          the epoch just finished, from 1
 * @param epochs         the epochs of the whole run
 * @param meanLoss       the mean batch loss over the epoch
 * @param elapsedSeconds seconds since training started
 * @param validation     the metrics on the validation set, or null without one
 */
public record EpochProgress(int epoch, int epochs, double meanLoss, double elapsedSeconds,
        ClassificationMetrics validation) {

    /** Whether validation metrics were computed. */
    public boolean hasValidation() {
        return validation != null;
    }

    @Override
    public String toString() {
        String metrics = validation == null ? "" : String.format(Locale.ROOT, ", validation balanced accuracy %.4f",
                validation.balancedAccuracy());
        return String.format(Locale.ROOT, "epoch %d/%d: loss %.4f%s (%.1f s)", epoch, epochs, meanLoss, metrics,
                elapsedSeconds);
    }
}
