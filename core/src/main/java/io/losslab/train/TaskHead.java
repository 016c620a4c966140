package io.losslab.train;

import io.losslab.data.MultiTaskData;
import io.losslab.data.Predictions;
import io.losslab.loss.Loss;
import io.losslab.loss.Losses;
import io.losslab.loss.Reduction;
import io.losslab.loss.SquaredError;
import io.losslab.loss.Targets;
import java.io.Serializable;
import java.util.List;

/**
 * One task's head in a multi-task network: a slice of the output columns (one per class, or one
 * value), and the loss on that slice. The network is a single {@link io.losslab.nn.Mlp} whose
 * output layer is every head's outputs side by side, so the heads share the body and each has
 * its own linear map from the last hidden layer.
 *
 * @param name       the task's name
 * @param offset     the head's first output column
 * @param width      its columns: the classes, or 1 for a value
 * @param lossSpec   the loss spec: a single-label loss, or {@value SquaredError#SPEC} for a value
 * @param classNames the classes by index; null for a regression task
 * @param counts     training examples per class, what distribution-aware losses are bound to; null
 *                   for a regression task
 */
record TaskHead(String name, int offset, int width, String lossSpec, List<String> classNames, long[] counts)
        implements Serializable {

    /** The loss of a class head, bound to the training counts; null for a regression head. */
    Loss loss() {
        return classNames == null ? null : Losses.parse(lossSpec).withClassCounts(counts);
    }

    boolean isClassification() {
        return classNames != null;
    }

    /**
     * This head's columns of {@code rows} rows of logits, {@code totalWidth} to a row, as a
     * row-major {@code rows × width} array.
     */
    float[] slice(float[] logits, int rows, int totalWidth) {
        float[] slice = new float[rows * width];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(logits, r * totalWidth + offset, slice, r * width, width);
        }
        return slice;
    }

    /** Writes {@code scale} times this head's gradient into its columns of the full gradient. */
    void scatter(float[] headGradient, double scale, float[] gradient, int rows, int totalWidth) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < width; c++) {
                gradient[r * totalWidth + offset + c] = (float) (scale * headGradient[r * width + c]);
            }
        }
    }

    /**
     * The mean loss of the head's outputs {@code slice} against the given examples of {@code task},
     * with its gradient written into {@code gradient}.
     *
     * @param loss the head's {@link #loss()}, made once by the caller
     */
    double compute(Loss loss, float[] slice, MultiTaskData.Task task, int[] rows, float[] gradient) {
        if (loss == null) {
            double[] values = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                values[i] = task.values()[rows[i]];
            }
            return SquaredError.compute(slice, values, Reduction.MEAN, gradient);
        }
        int[] labels = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            labels[i] = task.labels()[rows[i]];
        }
        return loss.compute(slice, Targets.classes(labels, width), Reduction.MEAN, gradient);
    }

    /**
     * The head's loss and metric on every example of {@code task}, from their outputs {@code slice}:
     * balanced accuracy of the argmax for a class task, R² for a regression task.
     */
    TaskScore score(Loss loss, float[] slice, MultiTaskData.Task task) {
        int n = slice.length / width;
        double value = compute(loss, slice, task, allRows(n), new float[slice.length]);
        if (loss == null) {
            return new TaskScore(name, value, 1 - value / variance(task.values()), "R²");
        }
        int[] predicted = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int c = 1; c < width; c++) {
                if (slice[i * width + c] > slice[i * width + best]) {
                    best = c;
                }
            }
            predicted[i] = best;
        }
        double accuracy = Predictions.of(task.labels(), predicted, null, classNames, counts).balancedAccuracy();
        return new TaskScore(name, value, accuracy, "balanced accuracy");
    }

    /** The population variance: the mean squared error of predicting the mean. */
    static double variance(double[] values) {
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= values.length;
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return sum / values.length;
    }

    /**
     * The loss of a model that predicts only the training distribution, for {@code prior}
     * weighting: for a class head its loss on the logits {@code log p} of the class frequencies
     * (for cross-entropy, their entropy H(p)), for a regression head the variance of the values.
     */
    double priorLoss(Loss loss, MultiTaskData.Task task) {
        if (loss == null) {
            return variance(task.values());
        }
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        int n = task.labels().length;
        float[] logits = new float[n * width];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < width; c++) {
                // An absent class gets a tiny probability rather than log 0; no example has it.
                logits[i * width + c] = (float) Math.log(Math.max(counts[c] / (double) total, 1e-12));
            }
        }
        return compute(loss, logits, task, allRows(n), new float[logits.length]);
    }

    /** 0, 1, …, n - 1. */
    private static int[] allRows(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return rows;
    }
}
