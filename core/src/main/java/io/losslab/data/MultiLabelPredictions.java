package io.losslab.data;

import java.util.List;

/**
 * What a multi-label classifier predicted for a test set, beside the truth: for each example and
 * label, whether the example has it and whether it was predicted. Models hand these out;
 * {@code MultiLabelMetrics.of(predictions)} computes the metrics from them.
 *
 * <pre>{@code
 * MultiLabelMetrics m = MultiLabelMetrics.of(model.predictions(test));
 * }</pre>
 */
public final class MultiLabelPredictions {

    private final boolean[][] truth;
    private final boolean[][] predicted;
    private final List<String> labelNames;

    private MultiLabelPredictions(boolean[][] truth, boolean[][] predicted, List<String> labelNames) {
        this.truth = truth;
        this.predicted = predicted;
        this.labelNames = labelNames;
    }

    /**
     * The predictions of a multi-label classifier; the arrays are copied.
     *
     * @param truth      {@code truth[i][l]}: whether example i has label l
     * @param predicted  {@code predicted[i][l]}: whether label l was predicted for example i
     * @param labelNames the label names, by label index
     * @throws IllegalArgumentException if there are no examples, or the arrays or a row differ in
     *     length from each other or from the label names
     */
    public static MultiLabelPredictions of(boolean[][] truth, boolean[][] predicted, List<String> labelNames) {
        if (truth.length != predicted.length || truth.length == 0) {
            throw new IllegalArgumentException("truth and predicted need one row per example, at least one, but have "
                    + truth.length + " and " + predicted.length);
        }
        int labels = labelNames.size();
        for (int i = 0; i < truth.length; i++) {
            if (truth[i].length != labels || predicted[i].length != labels) {
                throw new IllegalArgumentException("row " + i + " has " + truth[i].length + " true and "
                        + predicted[i].length + " predicted entries for " + labels + " labels");
            }
        }
        return new MultiLabelPredictions(copy(truth), copy(predicted), List.copyOf(labelNames));
    }

    private static boolean[][] copy(boolean[][] rows) {
        boolean[][] copy = new boolean[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            copy[i] = rows[i].clone();
        }
        return copy;
    }

    /** Whether example i has label l, at {@code [i][l]}. */
    public boolean[][] truth() {
        return copy(truth);
    }

    /** Whether label l was predicted for example i, at {@code [i][l]}. */
    public boolean[][] predicted() {
        return copy(predicted);
    }

    /** The label names, by label index. */
    public List<String> labelNames() {
        return labelNames;
    }

    /** The number of test examples. */
    public int size() {
        return truth.length;
    }

    /** The size; {@code MultiLabelMetrics.of(this)} prints the metrics. */
    @Override
    public String toString() {
        return "MultiLabelPredictions(" + size() + " examples, " + labelNames.size() + " labels)";
    }
}
