package io.losslab.eval;

import io.losslab.data.ClassStats;
import io.losslab.data.Predictions;
import io.losslab.data.ShotGroup;
import io.losslab.data.ShotThresholds;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How a classifier did on a test set: accuracy, balanced accuracy, macro-F1, per-class precision,
 * recall and F1, many/medium/few-shot accuracy, calibration and the confusion matrix — the
 * names of scikit-learn's metrics.
 *
 * <p>Conventions, as in scikit-learn: a class's recall is undefined (NaN) when the test set has
 * none of it, its precision when it is never predicted; balanced accuracy averages the recall of
 * the classes present in the test set; macro-F1 averages F1 over the classes that are present or
 * predicted, an undefined precision or recall counting as 0 there. A shot group's accuracy is the
 * mean recall of its classes (Liu et al. 2019), the groups formed from the training counts.
 *
 * <pre>{@code
 * ClassificationMetrics m = ClassificationMetrics.of(model.predictions(splits.test()));
 * ClassificationMetrics own = ClassificationMetrics.of(Predictions.of(truth, predicted, null, names, trainCounts));
 * System.out.println(m.balancedAccuracy() + " " + m.shotAccuracy(ShotGroup.FEW));
 * }</pre>
 */
public final class ClassificationMetrics {

    private final List<String> classNames;
    private final ClassStats training;
    private final long[][] confusion;
    private final long[] support;
    private final long[] predictedCount;
    private final Hits hits;
    private final long total;
    private final double balancedAccuracy;
    private final Calibration calibration;

    private ClassificationMetrics(List<String> classNames, ClassStats training, long[][] confusion,
            double balancedAccuracy, Calibration calibration) {
        this.classNames = classNames;
        this.training = training;
        this.confusion = confusion;
        this.balancedAccuracy = balancedAccuracy;
        this.calibration = calibration;
        int k = classNames.size();
        support = new long[k];
        predictedCount = new long[k];
        long sum = 0;
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                support[t] += confusion[t][p];
                predictedCount[p] += confusion[t][p];
                sum += confusion[t][p];
            }
        }
        total = sum;
        long[] diagonal = new long[k];
        Arrays.setAll(diagonal, c -> confusion[c][c]);
        hits = new Hits(diagonal, predictedCount, support);
    }

    /** The metrics of these predictions, with the default shot groups (more than 100, 20 to 100, fewer than 20). */
    public static ClassificationMetrics of(Predictions predictions) {
        return of(predictions, ShotThresholds.DEFAULT);
    }

    /** The metrics of these predictions, the shot groups formed from the training counts by {@code thresholds}. */
    public static ClassificationMetrics of(Predictions predictions, ShotThresholds thresholds) {
        int[] truth = predictions.truth();
        int[] predicted = predictions.predicted();
        List<String> classNames = predictions.classNames();
        int k = classNames.size();
        long[][] confusion = new long[k][k];
        boolean[] correct = new boolean[truth.length];
        for (int i = 0; i < truth.length; i++) {
            confusion[truth[i]][predicted[i]]++;
            correct[i] = truth[i] == predicted[i];
        }
        double[] confidence = predictions.confidence();
        Calibration calibration = confidence == null ? null
                : Calibration.of(confidence, correct, Calibration.DEFAULT_BINS);
        return new ClassificationMetrics(classNames,
                ClassStats.of(predictions.trainingCounts(), classNames, thresholds), confusion,
                predictions.balancedAccuracy(), calibration);
    }

    /** The fraction of examples predicted correctly. */
    public double accuracy() {
        long correct = 0;
        for (int k = 0; k < confusion.length; k++) {
            correct += confusion[k][k];
        }
        return correct / (double) total;
    }

    /** The mean recall over the classes present in the test set. */
    public double balancedAccuracy() {
        return balancedAccuracy;
    }

    /** The mean F1 over the classes present in the test set or predicted. */
    public double macroF1() {
        double sum = 0;
        int classes = 0;
        for (int k = 0; k < confusion.length; k++) {
            if (support[k] > 0 || predictedCount[k] > 0) {
                sum += hits.f1(k);
                classes++;
            }
        }
        return sum / classes;
    }

    /** The precision of each class; NaN for a class never predicted. */
    public double[] precision() {
        return hits.precision();
    }

    /** The recall (per-class accuracy) of each class; NaN for a class absent from the test set. */
    public double[] recall() {
        return hits.recall();
    }

    /** The F1 of each class; 0 where precision or recall is undefined, NaN if both are. */
    public double[] f1() {
        double[] f1 = new double[confusion.length];
        for (int k = 0; k < f1.length; k++) {
            f1[k] = support[k] == 0 && predictedCount[k] == 0 ? Double.NaN : hits.f1(k);
        }
        return f1;
    }

    /** The number of test examples of each class. */
    public long[] support() {
        return support.clone();
    }

    /** The mean recall of a shot group's classes present in the test set; NaN if there are none. */
    public double shotAccuracy(ShotGroup group) {
        double[] recall = recall();
        return Arrays.stream(training.classesIn(group)).filter(k -> support[k] > 0).mapToDouble(k -> recall[k])
                .average().orElse(Double.NaN);
    }

    /** The expected calibration error over {@link Calibration#DEFAULT_BINS} bins; NaN without confidences. */
    public double expectedCalibrationError() {
        return calibration == null ? Double.NaN : calibration.expectedCalibrationError();
    }

    /** The reliability bins, or null when the model gave no probabilities. */
    public Calibration calibration() {
        return calibration;
    }

    /** {@code confusionMatrix()[true][predicted]}: how many examples of each class went where. */
    public long[][] confusionMatrix() {
        return Arrays.stream(confusion).map(long[]::clone).toArray(long[][]::new);
    }

    /** The class names, by class index. */
    public List<String> classNames() {
        return classNames;
    }

    /** The training class distribution the shot groups come from. */
    public ClassStats trainingStats() {
        return training;
    }

    /** The number of test examples. */
    public long size() {
        return total;
    }

    /** A summary line, then precision, recall and F1 per class with its training count and shot group. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "accuracy %.4f, balanced accuracy %.4f, macro-F1 %.4f, many %s, medium %s, few %s, ECE %s, %d examples%n",
                accuracy(), balancedAccuracy(), macroF1(), Format.value(shotAccuracy(ShotGroup.MANY)),
                Format.value(shotAccuracy(ShotGroup.MEDIUM)), Format.value(shotAccuracy(ShotGroup.FEW)),
                Format.value(expectedCalibrationError()), total));
        int width = Math.max("class".length(), classNames.stream().mapToInt(String::length).max().orElse(0));
        text.append(String.format(Locale.ROOT, "%-" + width + "s %8s %9s %8s %8s %8s  %s%n",
                "class", "train", "precision", "recall", "f1", "support", "shots"));
        double[] precision = precision();
        double[] recall = recall();
        double[] f1 = f1();
        for (int k = 0; k < classNames.size(); k++) {
            text.append(String.format(Locale.ROOT, "%-" + width + "s %8d %9s %8s %8s %8d  %s%n", classNames.get(k),
                    training.count(k), Format.value(precision[k]), Format.value(recall[k]), Format.value(f1[k]),
                    support[k], training.group(k).displayName()));
        }
        return text.toString();
    }
}
