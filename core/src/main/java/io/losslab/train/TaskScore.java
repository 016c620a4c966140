package io.losslab.train;

import java.util.Locale;

/**
 * One task's loss and metric on a dataset.
 *
 * @param task       the task's name
 * @param loss       the mean loss of the task's head (mean squared error for a regression task,
 *                   whose square root is the RMSE)
 * @param metric     balanced accuracy for a classification task, R² for a regression task
 * @param metricName what the metric is
 */
public record TaskScore(String task, double loss, double metric, String metricName) {

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: loss %.4f, %s %.4f", task, loss, metricName, metric);
    }
}
