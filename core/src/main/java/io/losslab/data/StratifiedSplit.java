package io.losslab.data;

import java.util.Arrays;

/**
 * Splits a dataset into training, validation and test sets with the same class proportions, by a
 * seed. Within each class the examples are shuffled and cut at the rounded fractions, so every
 * class is split as evenly as its size allows and the same seed gives the same splits.
 *
 * <pre>{@code
 * DataSplits splits = StratifiedSplit.of(0.6, 0.2, 0.2).split(BundledData.wine(), 42);
 * DataSplits noValidation = StratifiedSplit.trainTest(0.25).split(BundledData.iris(), 42);
 * }</pre>
 */
public final class StratifiedSplit {

    private static final double SUM_TOLERANCE = 1e-9;

    private final double train;
    private final double validation;
    private final double test;

    private StratifiedSplit(double train, double validation, double test) {
        this.train = train;
        this.validation = validation;
        this.test = test;
    }

    /**
     * Fractions of each class for training, validation and test.
     *
     * @throws IllegalArgumentException if a fraction is outside [0, 1] or they do not sum to 1
     */
    public static StratifiedSplit of(double train, double validation, double test) {
        // Test and validation first: callers often derive train as 1 - validation - test, and the
        // fraction to name is the one they gave.
        requireFraction("test", test);
        requireFraction("validation", validation);
        requireFraction("train", train);
        double sum = train + validation + test;
        if (Math.abs(sum - 1) > SUM_TOLERANCE) {
            throw new IllegalArgumentException("train + validation + test must be 1, but is " + Numbers.format(sum));
        }
        return new StratifiedSplit(train, validation, test);
    }

    /** A training and a test set, with no validation set. */
    public static StratifiedSplit trainTest(double testFraction) {
        requireFraction("testFraction", testFraction);
        return of(1 - testFraction, 0, testFraction);
    }

    /**
     * The splits of {@code data}.
     *
     * @throws IllegalArgumentException if the fractions leave the training or the test set empty
     */
    public DataSplits split(LabeledData data, long seed) {
        int[][] byClass = Sampling.shuffledByClass(data, seed);
        int numClasses = byClass.length;
        int[] start = new int[numClasses];
        int[] trainEnd = new int[numClasses];
        int[] validationEnd = new int[numClasses];
        int[] end = new int[numClasses];
        for (int k = 0; k < numClasses; k++) {
            int n = byClass[k].length;
            // Cutting at rounded cumulative fractions keeps the three parts adding up to n.
            trainEnd[k] = (int) Math.round(n * train);
            validationEnd[k] = (int) Math.min(n, Math.round(n * (train + validation)));
            end[k] = n;
        }
        requireTrainingAndTestExamples(trainEnd, validationEnd, end);
        String tag = " (stratified " + Numbers.format(train) + "/" + Numbers.format(validation) + "/"
                + Numbers.format(test) + ", seed " + seed + ")";
        return new DataSplits(
                data.subset(Sampling.take(byClass, start, trainEnd), data.source() + ", train" + tag),
                data.subset(Sampling.take(byClass, trainEnd, validationEnd), data.source() + ", validation" + tag),
                data.subset(Sampling.take(byClass, validationEnd, end), data.source() + ", test" + tag));
    }

    private void requireTrainingAndTestExamples(int[] trainEnd, int[] validationEnd, int[] end) {
        int trainCount = Arrays.stream(trainEnd).sum();
        int validationCount = Arrays.stream(validationEnd).sum() - trainCount;
        int total = Arrays.stream(end).sum();
        int testCount = total - trainCount - validationCount;
        if (trainCount == 0) {
            throw new IllegalArgumentException("train = " + Numbers.format(train) + " leaves the training set empty: 0 of the "
                    + total + " examples go to it (validation " + validationCount + ", test " + testCount + ")");
        }
        if (testCount == 0) {
            throw new IllegalArgumentException("test = " + Numbers.format(test) + " leaves the test set empty: 0 of the "
                    + total + " examples go to it (train " + trainCount + ", validation " + validationCount + ")");
        }
    }

    private static void requireFraction(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be a fraction in [0, 1], but is " + value);
        }
    }
}
