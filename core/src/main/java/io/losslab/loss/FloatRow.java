package io.losslab.loss;

import java.nio.FloatBuffer;

/** A {@link LogitRow} of float32 logits, computed in float. */
final class FloatRow extends LogitRow {

    /** Exponents below this underflow float's normal range; the careful way clamps them. */
    private static final float LOWEST_EXPONENT = -87f;
    /** A sum above this means the offset z_k lay far below the row's maximum. */
    private static final float LARGEST_SUM = 0x1p64f;
    private static final float LOG2_E = 1.44269504088896341f;
    /** ln 2 split so that {@code n · LN2_HIGH} is exact for every n the exp meets. */
    private static final float LN2_HIGH = 0.693359375f;
    private static final float LN2_LOW = -2.12194440e-4f;
    /** Adding 1.5·2^23 rounds a float to an integer held in the low bits of its mantissa. */
    private static final float ROUNDER = 12582912f;
    /** The bits of {@link #ROUNDER}, which a rounded n exceeds by n. */
    private static final int ROUNDED_ZERO_BITS = Float.floatToRawIntBits(ROUNDER);
    private static final int EXPONENT_BIAS = 127;
    /** The biased exponent of infinity. */
    private static final int INFINITE_EXPONENT = 255;
    private static final int MANTISSA_BITS = 23;

    private final FloatBuffer logits;
    private final FloatBuffer gradient;
    /** The row; {@link #expAndSum} swaps it with the scratch, which holds the exponentials. */
    private float[] z;
    private float[] scratch;
    /** The n of each entry's {@code n ln 2 + r}, as rounded floats. */
    private final float[] exponents;
    private float offset;
    private final float[] shiftInFloat;
    /** The array {@link #shiftInFloat} holds in float, or null. */
    private double[] convertedFrom;

    FloatRow(FloatBuffer logits, FloatBuffer gradient, int classes) {
        super(classes);
        this.logits = logits;
        this.gradient = gradient;
        this.z = new float[classes];
        this.scratch = new float[classes];
        this.exponents = new float[classes];
        this.shiftInFloat = new float[classes];
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
        z[k] = (float) value;
    }

    /** The largest entry. */
    private float max() {
        float max = Float.NEGATIVE_INFINITY;
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
        float[] add = floatShift(shift);
        float s = (float) scale;
        for (int k = 0; k < classes; k++) {
            z[k] = s * (z[k] + add[k]);
        }
    }

    /** The shift in float, converted once per row object rather than once per entry. */
    private float[] floatShift(double[] shift) {
        if (shift != convertedFrom) {
            for (int k = 0; k < classes; k++) {
                shiftInFloat[k] = (float) shift[k];
            }
            convertedFrom = shift;
        }
        return shiftInFloat;
    }

    /**
     * First the fast way, which assumes a row with no entry far above z_k and none extreme:
     * no clamping, and entries whose exp leaves float's range come out as 0 or infinity. Any row
     * that breaks the assumption gives a sum that is not a plausible one (infinite, NaN, negative
     * or above {@link #LARGEST_SUM}) and is redone from its maximum, clamped.
     */
    @Override
    double expAndSumOthers(int k) {
        offset = z[k];
        float others = exponentiate(offset, k);
        if (!(others >= 0 && others < LARGEST_SUM)) {
            offset = max();
            clampBelow(offset);
            others = exponentiate(0, k);
        }
        float[] exponentials = scratch;
        scratch = z;
        z = exponentials;
        return others;
    }

    @Override
    double offset() {
        return offset;
    }

    /** {@code e^{z - offset}} into the scratch, z left as it is, and the sum of the scratch except entry k. */
    private float exponentiate(float offset, int k) {
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
    private void clampBelow(float offset) {
        float[] values = z;
        for (int k = 0; k < classes; k++) {
            values[k] = Math.max(values[k] - offset, LOWEST_EXPONENT) + (values[k] - values[k]);
        }
    }

    /**
     * Splits {@code x = z - offset} into {@code n ln 2 + r}: r into the scratch, n (as a float
     * rounded by {@link #ROUNDER}) into the exponents. A NaN or infinite x leaves a NaN r.
     */
    private void reduce(float offset) {
        float[] values = z;
        float[] remainders = scratch;
        for (int k = 0; k < classes; k++) {
            float x = values[k] - offset;
            float rounded = x * LOG2_E + ROUNDER;
            float n = rounded - ROUNDER;
            remainders[k] = (x - n * LN2_HIGH) - n * LN2_LOW;
            exponents[k] = rounded;
        }
    }

    /**
     * {@code e^r} for |r| <= ln 2 / 2: its Taylor polynomial of degree 7, whose error is below
     * float's rounding, by fused multiply-adds, which the JIT vectorises (and which in float cost
     * no more than a multiply and an add where the processor has none).
     */
    private void polynomial() {
        float[] values = scratch;
        for (int k = 0; k < classes; k++) {
            float r = values[k];
            float p = 1.98412698e-4f;
            p = Math.fma(p, r, 1.38888889e-3f);
            p = Math.fma(p, r, 8.33333333e-3f);
            p = Math.fma(p, r, 4.16666667e-2f);
            p = Math.fma(p, r, 1.66666667e-1f);
            p = Math.fma(p, r, 0.5f);
            p = Math.fma(p, r, 1f);
            values[k] = Math.fma(p, r, 1f);
        }
    }

    /**
     * {@code e^r · 2^n} into the scratch, with 2^n built from n's bits: the one loop the JIT runs
     * an entry at a time, for the moves between float and int registers, so it does nothing else.
     * A biased exponent below float's normal range makes 2^n zero, and one above it infinite.
     */
    private void scaleByPowers() {
        float[] values = scratch;
        for (int k = 0; k < classes; k++) {
            int biased = Float.floatToRawIntBits(exponents[k]) - ROUNDED_ZERO_BITS + EXPONENT_BIAS;
            int clamped = Math.min(Math.max(biased, 0), INFINITE_EXPONENT);
            values[k] *= Float.intBitsToFloat(clamped << MANTISSA_BITS);
        }
    }

    /**
     * The sum of {@code values[from..to)}, in float, over eight independent partial sums: the JIT
     * keeps the order of float additions, so a single sum would wait for each add to finish.
     */
    private static float sum(float[] values, int from, int to) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        float s4 = 0;
        float s5 = 0;
        float s6 = 0;
        float s7 = 0;
        int k = from;
        for (; k + 7 < to; k += 8) {
            s0 += values[k];
            s1 += values[k + 1];
            s2 += values[k + 2];
            s3 += values[k + 3];
            s4 += values[k + 4];
            s5 += values[k + 5];
            s6 += values[k + 6];
            s7 += values[k + 7];
        }
        for (; k < to; k++) {
            s0 += values[k];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    @Override
    double nanUnlessFinite() {
        float mark = 0;
        for (int k = 0; k < classes; k++) {
            mark += z[k] - z[k];
        }
        return mark;
    }

    @Override
    void scale(double factor) {
        float f = (float) factor;
        for (int k = 0; k < classes; k++) {
            z[k] *= f;
        }
    }
}
