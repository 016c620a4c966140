package io.losslab.eval;

import io.losslab.data.ClassStats;
import io.losslab.data.ShotGroup;
import io.losslab.data.ShotThresholds;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

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
 * ClassificationMetrics m = ClassificationMetrics.of(truth, predicted, confidence, names, trainCounts);
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
    private final Calibration calibration;

    private ClassificationMetrics(List<String> classNames, ClassStats training, long[][] confusion, Calibration calibration) {
        this.classNames = classNames;
        this.training = training;
        this.confusion = confusion;
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

    /** The metrics with the default shot groups (more than 100, 20 to 100, fewer than 20). */
    public static ClassificationMetrics of(int[] truth, int[] predicted, double[] confidence, List<String> classNames,
            long[] trainingCounts) {
        return of(truth, predicted, confidence, classNames, trainingCounts, ShotThresholds.DEFAULT);
    }

    /**
     * The metrics of these predictions.
     *
     * @param truth          the true class index of each test example
     * @param predicted      the predicted class index of each test example
     * @param confidence     the probability the model gave its predicted class, per example; null
     *                       for a model without probabilities (no calibration then)
     * @param classNames     the class names, by class index
     * @param trainingCounts training examples per class, which form the shot groups
     * @param thresholds     the shot-group boundaries
     * @throws IllegalArgumentException if the arrays differ in length or are empty, or a class
     *     index is outside the classes
     */
    public static ClassificationMetrics of(int[] truth, int[] predicted, double[] confidence, List<String> classNames,
            long[] trainingCounts, ShotThresholds thresholds) {
        int k = classNames.size();
        if (truth.length != predicted.length || truth.length == 0) {
            throw new IllegalArgumentException("truth and predicted need one entry per example, at least one, but have "
                    + truth.length + " and " + predicted.length);
        }
        if (trainingCounts.length != k) {
            throw new IllegalArgumentException("trainingCounts has " + trainingCounts.length + " entries for " + k + " classes");
        }
        long[][] confusion = new long[k][k];
        boolean[] correct = new boolean[truth.length];
        for (int i = 0; i < truth.length; i++) {
            requireClass("truth", i, truth[i], k);
            requireClass("predicted", i, predicted[i], k);
            confusion[truth[i]][predicted[i]]++;
            correct[i] = truth[i] == predicted[i];
        }
        Calibration calibration = confidence == null ? null : calibrationOf(confidence, correct);
        return new ClassificationMetrics(List.copyOf(classNames), ClassStats.of(trainingCounts, classNames, thresholds),
                confusion, calibration);
    }

    private static Calibration calibrationOf(double[] confidence, boolean[] correct) {
        if (confidence.length != correct.length) {
            throw new IllegalArgumentException("confidence has " + confidence.length + " entries for " + correct.length
                    + " examples");
        }
        return Calibration.of(confidence, correct, Calibration.DEFAULT_BINS);
    }

    private static void requireClass(String name, int i, int value, int k) {
        if (value < 0 || value >= k) {
            throw new IllegalArgumentException(name + "[" + i + "] = " + value + " is outside [0, " + k + ")");
        }
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
        return meanRecall(classesPresent());
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
        return meanRecall(Arrays.stream(training.classesIn(group)).filter(k -> support[k] > 0).toArray());
    }

    private int[] classesPresent() {
        return IntStream.range(0, support.length).filter(k -> support[k] > 0).toArray();
    }

    private double meanRecall(int[] classes) {
        if (classes.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int k : classes) {
            sum += confusion[k][k] / (double) support[k];
        }
        return sum / classes.length;
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
