package io.losslab.data;

import java.util.List;
import java.util.Locale;

/**
 * What a classifier predicted for a labelled test set, beside the truth: one predicted class and
 * its probability per example, and the training class counts the classifier learned from. Models
 * hand these out; {@code ClassificationMetrics.of(predictions)} computes every metric from them.
 *
 * <pre>{@code
 * Predictions p = model.predictions(splits.test());
 * ClassificationMetrics m = ClassificationMetrics.of(p);
 * double quick = p.balancedAccuracy();
 * }</pre>
 */
public final class Predictions {

    private final int[] truth;
    private final int[] predicted;
    private final double[] confidence;
    private final List<String> classNames;
    private final long[] trainingCounts;

    private Predictions(int[] truth, int[] predicted, double[] confidence, List<String> classNames,
            long[] trainingCounts) {
        this.truth = truth;
        this.predicted = predicted;
        this.confidence = confidence;
        this.classNames = classNames;
        this.trainingCounts = trainingCounts;
    }

    /**
     * The predictions of a classifier; the arrays are copied.
     *
     * @param truth          the true class index of each test example
     * @param predicted      the predicted class index of each test example
     * @param confidence     the probability the model gave its predicted class, per example; null
     *                       for a model without probabilities
     * @param classNames     the class names, by class index
     * @param trainingCounts training examples per class
     * @throws IllegalArgumentException if the arrays differ in length or are empty, or a class
     *     index is outside the classes
     */
    public static Predictions of(int[] truth, int[] predicted, double[] confidence, List<String> classNames,
            long[] trainingCounts) {
        int k = classNames.size();
        if (truth.length != predicted.length || truth.length == 0) {
            throw new IllegalArgumentException("truth and predicted need one entry per example, at least one, but have "
                    + truth.length + " and " + predicted.length);
        }
        if (trainingCounts.length != k) {
            throw new IllegalArgumentException("trainingCounts has " + trainingCounts.length + " entries for " + k
                    + " classes");
        }
        if (confidence != null && confidence.length != truth.length) {
            throw new IllegalArgumentException("confidence has " + confidence.length + " entries for " + truth.length
                    + " examples");
        }
        for (int i = 0; i < truth.length; i++) {
            requireClass("truth", i, truth[i], k);
            requireClass("predicted", i, predicted[i], k);
        }
        return new Predictions(truth.clone(), predicted.clone(), confidence == null ? null : confidence.clone(),
                List.copyOf(classNames), trainingCounts.clone());
    }

    private static void requireClass(String name, int i, int value, int k) {
        if (value < 0 || value >= k) {
            throw new IllegalArgumentException(name + "[" + i + "] = " + value + " is outside [0, " + k + ")");
        }
    }

    /**
     * The mean recall over the classes present in the test set: the one number training reports
     * after each epoch, and the headline of {@code ClassificationMetrics}.
     */
    public double balancedAccuracy() {
        long[] present = new long[classNames.size()];
        long[] hits = new long[classNames.size()];
        for (int i = 0; i < truth.length; i++) {
            present[truth[i]]++;
            hits[truth[i]] += truth[i] == predicted[i] ? 1 : 0;
        }
        double recallSum = 0;
        int classesPresent = 0;
        for (int k = 0; k < present.length; k++) {
            if (present[k] > 0) {
                recallSum += hits[k] / (double) present[k];
                classesPresent++;
            }
        }
        return recallSum / classesPresent;
    }

    /** The true class index of each example. */
    public int[] truth() {
        return truth.clone();
    }

    /** The predicted class index of each example. */
    public int[] predicted() {
        return predicted.clone();
    }

    /** The probability given to each predicted class, or null when the model gives none. */
    public double[] confidence() {
        return confidence == null ? null : confidence.clone();
    }

    /** The class names, by class index. */
    public List<String> classNames() {
        return classNames;
    }

    /** Training examples per class, by class index. */
    public long[] trainingCounts() {
        return trainingCounts.clone();
    }

    /** The number of test examples. */
    public int size() {
        return truth.length;
    }

    /** The size and the balanced accuracy; {@code ClassificationMetrics.of(this)} prints every metric. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Predictions(%d examples, %d classes, balanced accuracy %.4f)", size(),
                classNames.size(), balancedAccuracy());
    }
}
