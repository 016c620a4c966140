package io.losslab.train;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where multi-task training stands after one epoch: each task's mean training loss and mean
 * weight over the epoch, and its validation loss and metric when there is a validation set.
 *
 * <pre>{@code
 * MultiTaskModel model = trainer.train(train, validation, p -> System.out.println(p));
 * }</pre>
 *
 * @param epoch          the epoch just finished, from 1
 * @param epochs         the epochs of the whole run
 * @param meanObjective  the mean over the epoch's batches of the objective the weighting minimises
 * @param tasks          one entry per task, in the order of the heads
 * @param elapsedSeconds seconds since training started
 */
public record MultiTaskProgress(int epoch, int epochs, double meanObjective, List<TaskEpoch> tasks,
        double elapsedSeconds) {

    /**
     * One task's epoch.
     *
     * @param task         the task's name
     * @param trainingLoss the mean of its batch losses
     * @param weight       the mean of its weights α_i over the batches
     * @param validation   its loss and metric on the validation set after the epoch; null without one
     */
    public record TaskEpoch(String task, double trainingLoss, double weight, TaskScore validation) {
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "epoch %d/%d: objective %.4f; ", epoch, epochs, meanObjective)
                + tasks.stream().map(t -> String.format(Locale.ROOT, "%s loss %.4f α %.4g%s", t.task(), t.trainingLoss(),
                        t.weight(), t.validation() == null ? "" : String.format(Locale.ROOT, " (validation loss %.4f, %s %.4f)",
                                t.validation().loss(), t.validation().metricName(), t.validation().metric())))
                        .collect(Collectors.joining("; "))
                + String.format(Locale.ROOT, " (%.1f s)", elapsedSeconds);
    }
}
