package io.losslab.loss;

import java.nio.DoubleBuffer;

/** A {@link LogitRow} of float64 logits, computed in double. */
final class DoubleRow extends LogitRow {

    /** Exponents below this underflow double's normal range, and above the next one overflow; they are clamped. */
    private static final double LOWEST_EXPONENT = -708;
    private static final double HIGHEST_EXPONENT = 709;
    /** A sum above this means the guessed offset lay far below the row's maximum. */
    private static final double LARGEST_SUM = 0x1p64;
    private static final double LOG2_E = 1.4426950408889634;
    /** ln 2 split so that {@code n · LN2_HIGH} is exact for every n the exp meets. */
    private static final double LN2_HIGH = 6.93147180369123816490e-01;
    private static final double LN2_LOW = 1.90821492927058770002e-10;
    /** Adding 1.5·2^52 rounds a double to an integer held in the low bits of its mantissa. */
    private static final double ROUNDER = 6755399441055744.0;
    private static final long EXPONENT_BIAS = 1023;
    private static final int MANTISSA_BITS = 52;
    /** 1/k! for k = 13 down to 2: the Taylor polynomial of e^r whose error is below double's rounding for |r| <= ln 2 / 2. */
    private static final double[] TAYLOR = {
        1.0 / 6227020800L, 1.0 / 479001600, 1.0 / 39916800, 1.0 / 3628800, 1.0 / 362880, 1.0 / 40320,
        1.0 / 5040, 1.0 / 720, 1.0 / 120, 1.0 / 24, 1.0 / 6, 0.5};

    private final DoubleBuffer logits;
    private final DoubleBuffer gradient;
    private final double[] z;
    private final double[] scratch;
    /** The row as loaded, kept while the offset is only a guess. */
    private final double[] original;
    private double offset;

    DoubleRow(DoubleBuffer logits, DoubleBuffer gradient, int classes) {
        super(classes);
        this.logits = logits;
        this.gradient = gradient;
        this.z = new double[classes];
        this.scratch = new double[classes];
        this.original = new double[classes];
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

    @Override
    double expAndSum(double guess) {
        System.arraycopy(z, 0, original, 0, classes);
        offset = guess;
        double sum = exponentiate(offset);
        if (sum < LARGEST_SUM || Double.isNaN(sum)) {
            return sum;
        }
        System.arraycopy(original, 0, z, 0, classes);
        offset = max();
        return exponentiate(offset);
    }

    @Override
    double offset() {
        return offset;
    }

    private double exponentiate(double offset) {
        reduce(offset);
        polynomial();
        return scaleAndSum();
    }

    /**
     * Splits {@code x = z - offset}, clamped to exp's range, into {@code n ln 2 + r}: r into the
     * scratch, n (as a rounded double) into z. Adding {@code z - z}, which is 0 for a finite entry
     * and NaN otherwise, carries a bad entry through to the sum.
     */
    private void reduce(double offset) {
        for (int k = 0; k < classes; k++) {
            double x = Math.min(Math.max(z[k] - offset, LOWEST_EXPONENT), HIGHEST_EXPONENT) + (z[k] - z[k]);
            double rounded = x * LOG2_E + ROUNDER;
            double n = rounded - ROUNDER;
            scratch[k] = (x - n * LN2_HIGH) - n * LN2_LOW;
            z[k] = rounded;
        }
    }

    private void polynomial() {
        for (int k = 0; k < classes; k++) {
            double r = scratch[k];
            double p = TAYLOR[0];
            for (int i = 1; i < TAYLOR.length; i++) {
                p = p * r + TAYLOR[i];
            }
            scratch[k] = (p * r + 1) * r + 1;
        }
    }

    /** {@code z = e^r · 2^n}, with 2^n built from n's bits, and the sum of the row. */
    private double scaleAndSum() {
        for (int k = 0; k < classes; k++) {
            long power = (Double.doubleToRawLongBits(z[k]) + EXPONENT_BIAS) << MANTISSA_BITS;
            z[k] = scratch[k] * Double.longBitsToDouble(power);
        }
        return sum(z, 0, classes);
    }

    @Override
    double sumExcept(int k) {
        return sum(z, 0, k) + sum(z, k + 1, classes);
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
