package io.losslab.eval;

import io.losslab.data.MultiLabelPredictions;
import java.util.List;
import java.util.Locale;

/**
 * How a multi-label classifier did on a test set: per-label precision, recall and F1, their
 * macro average, micro-F1 from the counts pooled over all labels, and subset accuracy (the
 * fraction of examples whose whole label set is predicted exactly).
 *
 * <p>Conventions: a label's precision is undefined (NaN) when it is never predicted, its recall
 * when the test set never has it. Its F1 is {@code 2·tp / (2·tp + fp + fn)}, which is 0 whenever
 * it has no true positive and, unlike {@link ClassificationMetrics}, also 0 when the label is
 * neither present nor predicted: every label counts in the macro-F1 (the mean of the per-label
 * F1), so a rare label the test set happens to lack cannot lift or hide a model's score.
 *
 * <pre>{@code
 * MultiLabelMetrics m = MultiLabelMetrics.of(model.predictions(test));
 * MultiLabelMetrics own = MultiLabelMetrics.of(MultiLabelPredictions.of(truth, predicted, List.of("sports", "art")));
 * System.out.println(m.macroF1() + " " + m.microF1());
 * }</pre>
 */
public final class MultiLabelMetrics {

    private final List<String> labelNames;
    private final Hits hits;
    private final long exactMatches;
    private final long size;

    private MultiLabelMetrics(List<String> labelNames, Hits hits, long exactMatches, long size) {
        this.labelNames = labelNames;
        this.hits = hits;
        this.exactMatches = exactMatches;
        this.size = size;
    }

    /** The metrics of these predictions. */
    public static MultiLabelMetrics of(MultiLabelPredictions predictions) {
        boolean[][] truth = predictions.truth();
        boolean[][] predicted = predictions.predicted();
        int labels = predictions.labelNames().size();
        long[] truePositives = new long[labels];
        long[] predictedCount = new long[labels];
        long[] support = new long[labels];
        long exactMatches = 0;
        for (int i = 0; i < truth.length; i++) {
            boolean exact = true;
            for (int l = 0; l < labels; l++) {
                support[l] += truth[i][l] ? 1 : 0;
                predictedCount[l] += predicted[i][l] ? 1 : 0;
                truePositives[l] += truth[i][l] && predicted[i][l] ? 1 : 0;
                exact &= truth[i][l] == predicted[i][l];
            }
            exactMatches += exact ? 1 : 0;
        }
        return new MultiLabelMetrics(predictions.labelNames(), new Hits(truePositives, predictedCount, support),
                exactMatches, truth.length);
    }

    /** The precision of each label; NaN for a label never predicted. */
    public double[] precision() {
        return hits.precision();
    }

    /** The recall of each label; NaN for a label absent from the test set. */
    public double[] recall() {
        return hits.recall();
    }

    /** The F1 of each label: 0 without a true positive, including a label neither present nor predicted. */
    public double[] f1() {
        double[] f1 = new double[labelNames.size()];
        for (int l = 0; l < f1.length; l++) {
            f1[l] = hits.f1(l);
        }
        return f1;
    }

    /** The F1 of one label, by name. */
    public double f1(String label) {
        int l = labelNames.indexOf(label);
        if (l < 0) {
            throw new IllegalArgumentException("no label '" + label + "'; the labels are " + labelNames);
        }
        return f1()[l];
    }

    /** The mean of the per-label F1 over every label. */
    public double macroF1() {
        double sum = 0;
        for (double f : f1()) {
            sum += f;
        }
        return sum / labelNames.size();
    }

    /** The F1 of the true positives, predictions and positives pooled over all labels. */
    public double microF1() {
        long tp = 0;
        long predictions = 0;
        long positives = 0;
        for (int l = 0; l < labelNames.size(); l++) {
            tp += hits.hits()[l];
            predictions += hits.predicted()[l];
            positives += hits.present()[l];
        }
        return Hits.f1(tp, predictions, positives);
    }

    /** The fraction of examples whose predicted label set equals the true one. */
    public double subsetAccuracy() {
        return exactMatches / (double) size;
    }

    /** The number of test examples with each label. */
    public long[] support() {
        return hits.present().clone();
    }

    /** How often each label was predicted. */
    public long[] predictedCounts() {
        return hits.predicted().clone();
    }

    /** The label names, by label index. */
    public List<String> labelNames() {
        return labelNames;
    }

    /** The number of test examples. */
    public long size() {
        return size;
    }

    /** A summary line, then precision, recall, F1, support and predictions per label. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "macro-F1 %.4f, micro-F1 %.4f, subset accuracy %.4f, %d examples%n", macroF1(), microF1(),
                subsetAccuracy(), size));
        int width = Math.max("label".length(), labelNames.stream().mapToInt(String::length).max().orElse(0));
        text.append(String.format(Locale.ROOT, "%-" + width + "s %9s %8s %8s %8s %9s%n",
                "label", "precision", "recall", "f1", "support", "predicted"));
        double[] precision = precision();
        double[] recall = recall();
        double[] f1 = f1();
        long[] support = hits.present();
        long[] predictedCount = hits.predicted();
        for (int l = 0; l < labelNames.size(); l++) {
            text.append(String.format(Locale.ROOT, "%-" + width + "s %9s %8s %8s %8d %9d%n", labelNames.get(l),
                    Format.value(precision[l]), Format.value(recall[l]), Format.value(f1[l]), support[l],
                    predictedCount[l]));
        }
        return text.toString();
    }
}
