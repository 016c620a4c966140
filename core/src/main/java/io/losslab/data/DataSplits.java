package io.losslab.data;

import java.io.Serializable;

/**
 * A training, a validation and a test set over the same classes and features. The validation set
 * may be empty, as it is for a dataset published as train and test only.
 *
 * <pre>{@code
 * DataSplits splits = StratifiedSplit.of(0.7, 0.1, 0.2).split(BundledData.digits(), 42);
 * DataSplits longTailed = LongTail.exponential(10).apply(splits, 7);   // only the training set changes
 * }</pre>
 *
 * @param train      the training set
 * @param validation the validation set, possibly empty
 * @param test       the test set
 */
public record DataSplits(LabeledData train, LabeledData validation, LabeledData test) implements Serializable {

    /**
     * Checks that the three sets agree.
     *
     * @throws IllegalArgumentException if the training or the test set is empty, or they differ
     *     in class names or feature names
     */
    public DataSplits {
        requireExamples("train", train);
        requireExamples("test", test);
        for (LabeledData other : new LabeledData[] {validation, test}) {
            if (!other.classNames().equals(train.classNames())) {
                throw new IllegalArgumentException("the splits must share their classes, but train has "
                        + train.classNames() + " and " + other.source() + " has " + other.classNames());
            }
            if (!other.featureNames().equals(train.featureNames())) {
                throw new IllegalArgumentException("the splits must share their features, but train has "
                        + train.numFeatures() + " and " + other.source() + " has " + other.numFeatures()
                        + " (or the names differ)");
            }
        }
    }

    /** Refuses an empty set up front, before a model is trained on the splits only to fail at evaluation. */
    private static void requireExamples(String name, LabeledData set) {
        if (set.size() == 0) {
            throw new IllegalArgumentException(name + " = " + set.source() + " is empty: splits need at least one example"
                    + " to train on and one to test on");
        }
    }

    /** A training and a test set, with an empty validation set. */
    public static DataSplits of(LabeledData train, LabeledData test) {
        return new DataSplits(train, train.subset(new int[0], "no validation set"), test);
    }

    /** Whether the validation set has any examples. */
    public boolean hasValidation() {
        return validation.size() > 0;
    }

    /** The same splits with another training set, e.g. a long-tailed one. */
    public DataSplits withTrain(LabeledData newTrain) {
        return new DataSplits(newTrain, validation, test);
    }

    @Override
    public String toString() {
        return "train: " + train + "; validation: " + validation.size() + " examples; test: " + test;
    }
}
