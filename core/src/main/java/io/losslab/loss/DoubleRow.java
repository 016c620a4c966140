package io.losslab.loss;

import java.nio.DoubleBuffer;

/** A {@link LogitRow} of float64 logits, computed in double. */
final class DoubleRow extends LogitRow {

    /** Exponents below this underflow double's normal range; the careful way clamps them. */
    private static final double LOWEST_EXPONENT = -708;
    /** A sum above this means the offset z_k lay far below the row's maximum. */
    private static final double LARGEST_SUM = 0x1p64;
    private static final double LOG2_E = 1.4426950408889634;
    /** ln 2 split so that {@code n · LN2_HIGH} is exact for every n the exp meets. */
    private static final double LN2_HIGH = 6.93147180369123816490e-01;
    private static final double LN2_LOW = 1.90821492927058770002e-10;
    /** Adding 1.5·2^52 rounds a double to an integer held in the low bits of its mantissa. */
    private static final double ROUNDER = 6755399441055744.0;
    /** The bits of {@link #ROUNDER}, which a rounded n exceeds by n. */
    private static final long ROUNDED_ZERO_BITS = Double.doubleToRawLongBits(ROUNDER);
    private static final long EXPONENT_BIAS = 1023;
    /** The biased exponent of infinity. */
    private static final long INFINITE_EXPONENT = 2047;
    private static final int MANTISSA_BITS = 52;
    /** 1/k! for k = 13 down to 2: the Taylor polynomial of e^r whose error is below double's rounding for |r| <= ln 2 / 2. */
    private static final double[] TAYLOR = {
        1.0 / 6227020800L, 1.0 / 479001600, 1.0 / 39916800, 1.0 / 3628800, 1.0 / 362880, 1.0 / 40320,
        1.0 / 5040, 1.0 / 720, 1.0 / 120, 1.0 / 24, 1.0 / 6, 0.5};

    private final DoubleBuffer logits;
    private final DoubleBuffer gradient;
    /** The row; {@link #expAndSum} swaps it with the scratch, which holds the exponentials. */
    private double[] z;
    private double[] scratch;
    /** The n of each entry's {@code n ln 2 + r}, as rounded doubles. */
    private final double[] exponents;
    private double offset;

    DoubleRow(DoubleBuffer logits, DoubleBuffer gradient, int classes) {
        super(classes);
        this.logits = logits;
        this.gradient = gradient;
        this.z = new double[classes];
        this.scratch = new double[classes];
        this.exponents = new double[classes];
    }

    @Override
    void load(int example) {
        logits.get(example * classes, z, 0, classes);
    }

    @Override
    void store(int example) {
        gradient.put(example * classes, z, 0, classes);
    }

    @Override
    double get(int k) {
        return z[k];
    }

    @Override
    void set(int k, double value) {
        z[k] = value;
    }

    /** The largest entry. */
    private double max() {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < classes; k++) {
            // A compare and a predictable branch: Math.max is a long chain of blends in a reduction.
            if (z[k] > max) {
                max = z[k];
            }
        }
        return max;
    }

    @Override
    void affine(double[] shift, double scale) {
        if (shift == null) {
            scale(scale);
            return;
        }
        for (int k = 0; k < classes; k++) {
            z[k] = scale * (z[k] + shift[k]);
        }
    }

    /**
     * First the fast way, which assumes a row with no entry far above z_k and none extreme:
     * no clamping, and entries whose exp leaves double's range come out as 0 or infinity. Any row
     * that breaks the assumption gives a sum that is not a plausible one (infinite, NaN, negative
     * or above {@link #LARGEST_SUM}) and is redone from its maximum, clamped.
     */
    @Override
    double expAndSumOthers(int k) {
        offset = z[k];
        double others = exponentiate(offset, k);
        if (!(others >= 0 && others < LARGEST_SUM)) {
            offset = max();
            clampBelow(offset);
            others = exponentiate(0, k);
        }
        double[] exponentials = scratch;
        scratch = z;
        z = exponentials;
        return others;
    }

    @Override
    double offset() {
        return offset;
    }

    /** {@code e^{z - offset}} into the scratch, z left as it is, and the sum of the scratch except entry k. */
    private double exponentiate(double offset, int k) {
        reduce(offset);
        polynomial();
        scaleByPowers();
        return sum(scratch, 0, k) + sum(scratch, k + 1, classes);
    }

    /**
     * {@code z = max(z - offset, LOWEST_EXPONENT)} for an offset at the row's maximum: every entry
     * in exp's range, where the fast way is exact. Adding {@code z - z}, which is 0 for a finite
     * entry and NaN otherwise, carries a bad entry through to the sum.
     */
    private void clampBelow(double offset) {
        double[] values = z;
        for (int k = 0; k < classes; k++) {
            values[k] = Math.max(values[k] - offset, LOWEST_EXPONENT) + (values[k] - values[k]);
        }
    }

    /**
     * Splits {@code x = z - offset} into {@code n ln 2 + r}: r into the scratch, n (as a double
     * rounded by {@link #ROUNDER}) into the exponents. A NaN or infinite x leaves a NaN r.
     */
    private void reduce(double offset) {
        double[] values = z;
        double[] remainders = scratch;
        for (int k = 0; k < classes; k++) {
            double x = values[k] - offset;
            double rounded = x * LOG2_E + ROUNDER;
            double n = rounded - ROUNDER;
            remainders[k] = (x - n * LN2_HIGH) - n * LN2_LOW;
            exponents[k] = rounded;
        }
    }

    private void polynomial() {
        double[] values = scratch;
        for (int k = 0; k < classes; k++) {
            double r = values[k];
            double p = TAYLOR[0];
            for (int i = 1; i < TAYLOR.length; i++) {
                p = p * r + TAYLOR[i];
            }
            values[k] = (p * r + 1) * r + 1;
        }
    }

    /**
     * {@code e^r · 2^n} into the scratch, with 2^n built from n's bits. A biased exponent below
     * double's normal range makes 2^n zero, and one above it infinite.
     */
    private void scaleByPowers() {
        double[] values = scratch;
        for (int k = 0; k < classes; k++) {
            long biased = Double.doubleToRawLongBits(exponents[k]) - ROUNDED_ZERO_BITS + EXPONENT_BIAS;
            long clamped = Math.min(Math.max(biased, 0), INFINITE_EXPONENT);
            values[k] *= Double.longBitsToDouble(clamped << MANTISSA_BITS);
        }
    }

    /** The sum of {@code values[from..to)}, over four independent partial sums so that the adds overlap. */
    private static double sum(double[] values, int from, int to) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = from;
        for (; k + 3 < to; k += 4) {
            s0 += values[k];
            s1 += values[k + 1];
            s2 += values[k + 2];
            s3 += values[k + 3];
        }
        for (; k < to; k++) {
            s0 += values[k];
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    double nanUnlessFinite() {
        double mark = 0;
        for (int k = 0; k < classes; k++) {
            mark += z[k] - z[k];
        }
        return mark;
    }

    @Override
    void scale(double factor) {
        for (int k = 0; k < classes; k++) {
            z[k] *= factor;
        }
    }
}
