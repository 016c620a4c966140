package io.losslab.train;

import io.losslab.data.Predictions;
import java.util.Locale;

/**
 * Where training stands after one epoch.
 *
 * <pre>{@code
 * TrainingListener l = TrainingListener.onEpoch(p -> curves.addValidation(p.epoch(), p.validation().balancedAccuracy()));
 * TrainingListener losses = TrainingListener.onEpoch(p -> System.out.println(p.meanLoss() + " " + p.validationLoss()));
 * }</pre>
 *
 * @param epoch          the epoch just finished, from 1
 * @param epochs         the epochs of the whole run
 * @param meanLoss       the mean batch loss over the epoch, of the loss being trained: for
 *                       {@code flooding(b=..., loss=...)} the flooded {@code |L - b| + b}, which
 *                       stays at or above b however low the wrapped loss L goes
 * @param elapsedSeconds seconds since training started
 * @param validation     the model's predictions of the validation set, or null without one:
 *                       {@code validation.balancedAccuracy()} is what the model's history
 *                       records, {@code ClassificationMetrics.of(validation)} gives every metric
 * @param validationLoss the validation cross-entropy, the mean of {@code -log p_y} over the
 *                       validation set with the model's own probabilities (softmax or sigmoid,
 *                       post-hoc adjustment included), p_y clamped above 0; NaN without a
 *                       validation set
 */
public record EpochProgress(int epoch, int epochs, double meanLoss, double elapsedSeconds,
        Predictions validation, double validationLoss) {

    /** Whether the epoch ended with predictions of a validation set. */
    public boolean hasValidation() {
        return validation != null;
    }

    @Override
    public String toString() {
        String metrics = validation == null ? "" : String.format(Locale.ROOT,
                ", validation loss %.4f, validation balanced accuracy %.4f", validationLoss, validation.balancedAccuracy());
        return String.format(Locale.ROOT, "epoch %d/%d: loss %.4f%s (%.1f s)", epoch, epochs, meanLoss, metrics,
                elapsedSeconds);
    }
}
