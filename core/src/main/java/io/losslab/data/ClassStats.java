package io.losslab.data;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * The class distribution of a dataset: counts, prior, imbalance ratio, Gini coefficient and
 * many/medium/few-shot groups. {@code toString()} prints it as a table; the accessors give the
 * same numbers to plots.
 *
 * <pre>{@code
 * ClassStats stats = data.stats();
 * System.out.println(stats);                 // the table
 * double rho = stats.imbalanceRatio();       // n_max / n_min
 * int[] few = stats.classesIn(ShotGroup.FEW);
 * }</pre>
 */
public final class ClassStats {

    private final long[] counts;
    private final List<String> classNames;
    private final ShotThresholds thresholds;

    private ClassStats(long[] counts, List<String> classNames, ShotThresholds thresholds) {
        this.counts = counts;
        this.classNames = classNames;
        this.thresholds = thresholds;
    }

    /**
     * The statistics of these class counts, with the default shot groups.
     *
     * @throws IllegalArgumentException if there are no classes, a count is negative, or the
     *     names do not match the counts one to one
     */
    public static ClassStats of(long[] counts, List<String> classNames) {
        return of(counts, classNames, ShotThresholds.DEFAULT);
    }

    /** The statistics of these class counts, with the given shot groups. */
    public static ClassStats of(long[] counts, List<String> classNames, ShotThresholds thresholds) {
        if (counts.length == 0) {
            throw new IllegalArgumentException("counts must have at least one class, but is empty");
        }
        if (classNames.size() != counts.length) {
            throw new IllegalArgumentException("classNames has " + classNames.size() + " names for "
                    + counts.length + " counts");
        }
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] < 0) {
                throw new IllegalArgumentException("counts[" + k + "] = " + counts[k] + " must be non-negative");
            }
        }
        return new ClassStats(counts.clone(), List.copyOf(classNames), thresholds);
    }

    /** The same counts grouped by other thresholds. */
    public ClassStats withThresholds(ShotThresholds newThresholds) {
        return new ClassStats(counts, classNames, newThresholds);
    }

    /** The number of classes K. */
    public int numClasses() {
        return counts.length;
    }

    /** The class names, by class index. */
    public List<String> classNames() {
        return classNames;
    }

    /** The number of examples of each class, by class index. */
    public long[] counts() {
        return counts.clone();
    }

    /** The number of examples of class {@code k}. */
    public long count(int k) {
        return counts[k];
    }

    /** The number of examples N. */
    public long total() {
        return Arrays.stream(counts).sum();
    }

    /** The class frequencies {@code n_k / N}; NaN when there are no examples. */
    public double[] prior() {
        double total = total();
        return Arrays.stream(counts).mapToDouble(n -> n / total).toArray();
    }

    /**
     * The imbalance ratio ρ = n_max / n_min: 1 for a balanced set, infinite when a class has no
     * examples.
     */
    public double imbalanceRatio() {
        long max = Arrays.stream(counts).max().orElseThrow();
        long min = Arrays.stream(counts).min().orElseThrow();
        return max / (double) min;
    }

    /**
     * The Gini coefficient of the counts, {@code Σ_i Σ_j |n_i - n_j| / (2 K N)}: 0 for a balanced
     * set, approaching 1 when one class holds nearly everything; 0 when there are no examples.
     */
    public double gini() {
        long[] sorted = counts.clone();
        Arrays.sort(sorted);
        int k = sorted.length;
        double total = total();
        if (total == 0) {
            return 0;
        }
        // With the counts in ascending order the double sum becomes a weighted single sum.
        double weighted = 0;
        for (int i = 0; i < k; i++) {
            weighted += (2.0 * (i + 1) - k - 1) * sorted[i];
        }
        return weighted / (k * total);
    }

    /** The thresholds of the shot groups. */
    public ShotThresholds thresholds() {
        return thresholds;
    }

    /** The shot group of class {@code k}. */
    public ShotGroup group(int k) {
        return thresholds.groupOf(counts[k]);
    }

    /** The classes in a shot group, in index order. */
    public int[] classesIn(ShotGroup group) {
        return IntStream.range(0, counts.length).filter(k -> group(k) == group).toArray();
    }

    /** The class indices from the largest class to the smallest (ties by index): the order of a sorted bar chart. */
    public int[] classesByCount() {
        return IntStream.range(0, counts.length).boxed()
                .sorted(Comparator.comparingLong((Integer k) -> counts[k]).reversed())
                .mapToInt(Integer::intValue).toArray();
    }

    /** A table: one line per class (count, prior, shot group), then N, K, ρ, Gini and the group sizes. */
    @Override
    public String toString() {
        int nameWidth = Math.max("class".length(), classNames.stream().mapToInt(String::length).max().orElse(0));
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%d examples, %d classes, ρ = %s, Gini = %.3f%n",
                total(), numClasses(), Numbers.format(imbalanceRatio()), gini()));
        table.append(String.format(Locale.ROOT, "%-" + nameWidth + "s %10s %8s  %s%n", "class", "count", "prior", "shots"));
        double[] prior = prior();
        for (int k = 0; k < counts.length; k++) {
            table.append(String.format(Locale.ROOT, "%-" + nameWidth + "s %10d %8.4f  %s%n",
                    classNames.get(k), counts[k], prior[k], group(k).displayName()));
        }
        for (ShotGroup g : ShotGroup.values()) {
            int members = classesIn(g).length;
            table.append(String.format(Locale.ROOT, "%s%s-shot (%s): %d %s", g == ShotGroup.MANY ? "" : ", ",
                    g.displayName(), thresholds.describe(g), members, members == 1 ? "class" : "classes"));
        }
        return table.append(System.lineSeparator()).toString();
    }
}
