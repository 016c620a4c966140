package io.losslab.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Makes a long-tailed training set from a (usually balanced) one by keeping a decreasing number of
 * examples per class, as the long-tailed CIFAR benchmarks do.
 *
 * <p>Classes are ranked by a class order (by default class index order). The class at rank
 * {@code r} of {@code K} keeps
 * <ul>
 *   <li>exponential profile (Cui et al. 2019): {@code n_r = floor(n_max · ρ^(-r/(K-1)))};</li>
 *   <li>step profile (Buda et al. 2018): {@code n_max} for the first classes and
 *       {@code floor(n_max / ρ)} for the last {@code floor(μK)}, μ = 1/2 unless set.</li>
 * </ul>
 * {@code n_max} is the number of examples of the first class in the order unless set, and
 * ρ = n_max / n_min is the imbalance ratio. Which examples stay is drawn with the seed, so the same
 * seed gives the same set. Given {@link DataSplits}, only the training set changes: the
 * validation and test sets stay balanced.
 *
 * <pre>{@code
 * DataSplits fashion = FashionMnist.load();
 * DataSplits lt = LongTail.exponential(100).apply(fashion, 1);     // 6000, 3597, ..., 60 per class
 * LabeledData step = LongTail.longTail(fashion.train(), 10, LongTail.Profile.STEP, 1);
 * }</pre>
 */
public final class LongTail {

    /** How the number of examples falls along the class order. */
    public enum Profile {
        /** {@code n_max · ρ^(-r/(K-1))}: a geometric fall from n_max to n_max / ρ. */
        EXPONENTIAL,
        /** {@code n_max} for the head classes, {@code n_max / ρ} for the last μK. */
        STEP
    }

    /**
     * {@code floor} would turn a product that is whole in exact arithmetic but a rounding error
     * below it in floating point (60 computed as 59.999999999999993) into one example fewer; this
     * relative slack, far above the error of {@code pow} and far below the gap to the next
     * integer, prevents that.
     */
    private static final double FLOOR_SLACK = 1e-12;

    private static final double DEFAULT_MINORITY_FRACTION = 0.5;
    private static final long FROM_DATA = 0;

    private final double rho;
    private final Profile profile;
    private final int[] classOrder;
    private final long headCount;
    private final double minorityFraction;

    private LongTail(double rho, Profile profile, int[] classOrder, long headCount, double minorityFraction) {
        this.rho = rho;
        this.profile = profile;
        this.classOrder = classOrder;
        this.headCount = headCount;
        this.minorityFraction = minorityFraction;
    }

    /**
     * A long tail of the given profile and imbalance ratio.
     *
     * @throws IllegalArgumentException if ρ is below 1 or not finite
     */
    public static LongTail of(double rho, Profile profile) {
        if (!(rho >= 1) || Double.isInfinite(rho)) {
            throw new IllegalArgumentException("rho must be a finite ratio n_max / n_min of at least 1, but is " + rho);
        }
        return new LongTail(rho, profile, null, FROM_DATA, DEFAULT_MINORITY_FRACTION);
    }

    /** The exponential profile with imbalance ratio ρ. */
    public static LongTail exponential(double rho) {
        return of(rho, Profile.EXPONENTIAL);
    }

    /** The step profile with imbalance ratio ρ; half the classes are minority classes unless set. */
    public static LongTail step(double rho) {
        return of(rho, Profile.STEP);
    }

    /**
     * {@code longTail(data, ρ, profile, seed)}: the training set made long-tailed with the
     * defaults (class index order, n_max from the data).
     */
    public static LabeledData longTail(LabeledData train, double rho, Profile profile, long seed) {
        return of(rho, profile).apply(train, seed);
    }

    /**
     * The same long tail with the classes ranked in this order: {@code order[0]} keeps n_max,
     * {@code order[K-1]} the fewest.
     *
     * @throws IllegalArgumentException if the order repeats a class or has a negative one
     */
    public LongTail classOrder(int... order) {
        boolean[] seen = new boolean[Arrays.stream(order).max().orElse(-1) + 1];
        for (int k : order) {
            if (k < 0 || seen[k]) {
                throw new IllegalArgumentException("classOrder must list each class once, but has "
                        + Arrays.toString(order));
            }
            seen[k] = true;
        }
        return new LongTail(rho, profile, order.clone(), headCount, minorityFraction);
    }

    /**
     * The same long tail with n_max set, rather than taken from the first class of the order.
     *
     * @throws IllegalArgumentException if {@code count < 1}
     */
    public LongTail headCount(long count) {
        if (count < 1) {
            throw new IllegalArgumentException("headCount must be a positive count, but is " + count);
        }
        return new LongTail(rho, profile, classOrder, count, minorityFraction);
    }

    /**
     * The same step profile with the fraction μ of minority classes set.
     *
     * @throws IllegalArgumentException if μ is outside [0, 1] or the profile is not the step
     */
    public LongTail minorityFraction(double mu) {
        if (profile != Profile.STEP) {
            throw new IllegalArgumentException("minorityFraction applies to the step profile, but this one is "
                    + profile);
        }
        if (!(mu >= 0 && mu <= 1)) {
            throw new IllegalArgumentException("minorityFraction must be in [0, 1], but is " + mu);
        }
        return new LongTail(rho, profile, classOrder, headCount, mu);
    }

    /** The imbalance ratio ρ. */
    public double rho() {
        return rho;
    }

    /** The profile. */
    public Profile profile() {
        return profile;
    }

    /**
     * How many examples each class keeps, by class index, for K classes and a head count n_max.
     *
     * @throws IllegalArgumentException if a class order was set for another number of classes
     */
    public long[] targetCounts(int numClasses, long nMax) {
        int[] order = order(numClasses);
        long[] counts = new long[numClasses];
        int minorityClasses = (int) Math.floor(minorityFraction * numClasses * (1 + FLOOR_SLACK));
        for (int rank = 0; rank < numClasses; rank++) {
            double exact = switch (profile) {
                case EXPONENTIAL -> nMax * Math.pow(rho, numClasses == 1 ? 0 : -(double) rank / (numClasses - 1));
                case STEP -> rank >= numClasses - minorityClasses ? nMax / rho : nMax;
            };
            counts[order[rank]] = (long) Math.floor(exact * (1 + FLOOR_SLACK));
        }
        return counts;
    }

    /**
     * The long-tailed version of a training set.
     *
     * @throws IllegalArgumentException if a class has fewer examples than the profile asks of it,
     *     or the profile asks for none
     */
    public LabeledData apply(LabeledData train, long seed) {
        long[] available = train.classCounts();
        int[] order = order(available.length);
        long nMax = headCount != FROM_DATA ? headCount : available[order[0]];
        long[] wanted = targetCounts(available.length, nMax);
        for (int k = 0; k < available.length; k++) {
            if (wanted[k] == 0) {
                throw new IllegalArgumentException("the " + describe() + " asks for 0 examples of class '"
                        + train.classNames().get(k) + "' (index " + k + "), so it would vanish: n_max = " + nMax
                        + " is too small for ρ = " + Numbers.format(rho));
            }
            if (available[k] < wanted[k]) {
                throw new IllegalArgumentException("class '" + train.classNames().get(k) + "' (index " + k + ") has "
                        + available[k] + " examples, but the " + describe() + " asks for " + wanted[k]);
            }
        }
        int[][] byClass = Sampling.shuffledByClass(train, seed);
        int[] from = new int[available.length];
        int[] to = Arrays.stream(wanted).mapToInt(Math::toIntExact).toArray();
        return train.subset(Sampling.take(byClass, from, to), train.source() + ", " + describe() + ", seed " + seed);
    }

    /** The splits with a long-tailed training set; validation and test are unchanged. */
    public DataSplits apply(DataSplits splits, long seed) {
        return splits.withTrain(apply(splits.train(), seed));
    }

    private int[] order(int numClasses) {
        if (classOrder == null) {
            return IntStream.range(0, numClasses).toArray();
        }
        if (classOrder.length != numClasses || Arrays.stream(classOrder).anyMatch(k -> k >= numClasses)) {
            throw new IllegalArgumentException("classOrder must be an order of the data's " + numClasses
                    + " classes, but is " + Arrays.toString(classOrder));
        }
        return classOrder;
    }

    private String describe() {
        String mu = profile == Profile.STEP ? ", μ = " + Numbers.format(minorityFraction) : "";
        return profile.name().toLowerCase(Locale.ROOT) + " long tail with ρ = " + Numbers.format(rho) + mu;
    }

    @Override
    public String toString() {
        return describe();
    }
}
