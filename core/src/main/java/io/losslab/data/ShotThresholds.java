package io.losslab.data;

import java.io.Serializable;

/**
 * The boundaries between many-, medium- and few-shot classes: a class with more than
 * {@code manyAbove} training examples is many-shot, one with fewer than {@code fewBelow} is
 * few-shot, and the rest are medium-shot. The default, {@code > 100} and {@code < 20}, is the one
 * of the long-tailed ImageNet and Places benchmarks (Liu et al. 2019).
 *
 * <pre>{@code
 * ShotThresholds t = ShotThresholds.of(500, 50);
 * ShotGroup g = t.groupOf(120);   // MEDIUM
 * }</pre>
 *
 * @param manyAbove a class with more examples than this is many-shot
 * @param fewBelow  a class with fewer examples than this is few-shot
 */
public record ShotThresholds(long manyAbove, long fewBelow) implements Serializable {

    /** Many-shot above 100 examples, few-shot below 20. */
    public static final ShotThresholds DEFAULT = new ShotThresholds(100, 20);

    /**
     * Checks the thresholds.
     *
     * @throws IllegalArgumentException if {@code fewBelow} is negative or the few-shot range
     *     overlaps the many-shot one ({@code fewBelow > manyAbove + 1})
     */
    public ShotThresholds {
        if (fewBelow < 0) {
            throw new IllegalArgumentException("fewBelow must be non-negative, but is " + fewBelow);
        }
        if (fewBelow > manyAbove + 1) {
            throw new IllegalArgumentException("fewBelow = " + fewBelow + " and manyAbove = " + manyAbove
                    + " overlap: a class cannot be many-shot and few-shot at once");
        }
    }

    /** The same as the constructor, for symmetry with the other factories. */
    public static ShotThresholds of(long manyAbove, long fewBelow) {
        return new ShotThresholds(manyAbove, fewBelow);
    }

    /** The group of a class with {@code count} training examples. */
    public ShotGroup groupOf(long count) {
        if (count > manyAbove) {
            return ShotGroup.MANY;
        }
        return count < fewBelow ? ShotGroup.FEW : ShotGroup.MEDIUM;
    }

    /** How the group is defined, e.g. {@code "> 100"}, {@code "20–100"}, {@code "< 20"}. */
    public String describe(ShotGroup group) {
        return switch (group) {
            case MANY -> "> " + manyAbove;
            case MEDIUM -> fewBelow + "–" + manyAbove;
            case FEW -> "< " + fewBelow;
        };
    }
}
