package io.losslab.plot;

import io.losslab.data.ClassStats;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;

/**
 * How many examples each class has, with a label for the set — the input of the class
 * distribution and recall figures.
 *
 * <pre>{@code
 * ClassCounts train = ClassCounts.of("Fashion-MNIST-LT", names, new long[] {6000, 2783, 1291, 599, 278, 129, 60});
 * Figure f = Plots.classDistribution(train, Scale.LOG);
 * }</pre>
 *
 * @param label      what the counts are of, shown in titles and legends
 * @param classNames the name of each class, by class index
 * @param counts     the number of examples of each class, by class index
 */
public record ClassCounts(String label, List<String> classNames, long[] counts) {

    /**
     * Checks and copies the counts.
     *
     * @throws IllegalArgumentException if there are no classes, a count is negative, the names
     *     do not match the counts one to one, or a name appears twice (a figure could not tell
     *     the two classes apart)
     */
    public ClassCounts {
        // A dataset's class statistics check the counts and names the same way; let them.
        ClassStats.of(counts, classNames);
        if (new HashSet<>(classNames).size() != classNames.size()) {
            throw new IllegalArgumentException("classNames must be distinct, but are " + classNames);
        }
        label = label == null ? "" : label;
        classNames = List.copyOf(classNames);
        counts = counts.clone();
    }

    /** Counts of named classes. */
    public static ClassCounts of(String label, List<String> classNames, long[] counts) {
        return new ClassCounts(label, classNames, counts);
    }

    /** Counts of classes named by their index, {@code "0"}, {@code "1"}, .... */
    public static ClassCounts of(String label, long[] counts) {
        return new ClassCounts(label, IntStream.range(0, counts.length).mapToObj(Integer::toString).toList(), counts);
    }

    /** The counts, by class index (a copy). */
    @Override
    public long[] counts() {
        return counts.clone();
    }

    /** The number of classes K. */
    public int numClasses() {
        return counts.length;
    }

    /** The number of examples N. */
    public long total() {
        return Arrays.stream(counts).sum();
    }

    /** The imbalance ratio ρ = n_max / n_min; infinite when a class has no examples. */
    public double imbalanceRatio() {
        return Arrays.stream(counts).max().orElseThrow() / (double) Arrays.stream(counts).min().orElseThrow();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClassCounts c && label.equals(c.label) && classNames.equals(c.classNames)
                && Arrays.equals(counts, c.counts);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * label.hashCode() + classNames.hashCode()) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "ClassCounts[" + label + ", " + counts.length + " classes, N = " + total() + "]";
    }
}
