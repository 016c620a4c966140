package io.losslab.loss;

import java.nio.FloatBuffer;

/** A {@link LogitRow} of float32 logits, computed in float. */
final class FloatRow extends LogitRow {

    /** Exponents below this underflow float's normal range, and above the next one overflow; they are clamped. */
    private static final float LOWEST_EXPONENT = -87f;
    private static final float HIGHEST_EXPONENT = 88f;
    /** A sum above this means the guessed offset lay far below the row's maximum. */
    private static final float LARGEST_SUM = 0x1p64f;
    private static final float LOG2_E = 1.44269504088896341f;
    /** ln 2 split so that {@code n · LN2_HIGH} is exact for every n the exp meets. */
    private static final float LN2_HIGH = 0.693359375f;
    private static final float LN2_LOW = -2.12194440e-4f;
    /** Adding 1.5·2^23 rounds a float to an integer held in the low bits of its mantissa. */
    private static final float ROUNDER = 12582912f;
    private static final int EXPONENT_BIAS = 127;
    private static final int MANTISSA_BITS = 23;

    private final FloatBuffer logits;
    private final FloatBuffer gradient;
    private final float[] z;
    private final float[] scratch;
    /** The row as loaded, kept while the offset is only a guess. */
    private final float[] original;
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
        this.original = new float[classes];
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

    @Override
    double expAndSum(double guess) {
        System.arraycopy(z, 0, original, 0, classes);
        offset = (float) guess;
        float sum = exponentiate(offset);
        if (sum < LARGEST_SUM || Float.isNaN(sum)) {
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

    private float exponentiate(float offset) {
        reduce(offset);
        polynomial();
        return scaleAndSum();
    }

    /**
     * Splits {@code x = z - offset}, clamped to exp's range, into {@code n ln 2 + r}: r into the
     * scratch, n (as a rounded float) into z. Adding {@code z - z}, which is 0 for a finite entry
     * and NaN otherwise, carries a bad entry through to the sum.
     */
    private void reduce(float offset) {
        for (int k = 0; k < classes; k++) {
            float x = Math.min(Math.max(z[k] - offset, LOWEST_EXPONENT), HIGHEST_EXPONENT) + (z[k] - z[k]);
            float rounded = x * LOG2_E + ROUNDER;
            float n = rounded - ROUNDER;
            scratch[k] = (x - n * LN2_HIGH) - n * LN2_LOW;
            z[k] = rounded;
        }
    }

    /** {@code e^r} for |r| <= ln 2 / 2: its Taylor polynomial of degree 7, whose error is below float's rounding. */
    private void polynomial() {
        for (int k = 0; k < classes; k++) {
            float r = scratch[k];
            float p = 1.98412698e-4f;
            p = p * r + 1.38888889e-3f;
            p = p * r + 8.33333333e-3f;
            p = p * r + 4.16666667e-2f;
            p = p * r + 1.66666667e-1f;
            p = p * r + 0.5f;
            p = p * r + 1f;
            scratch[k] = p * r + 1f;
        }
    }

    /**
     * {@code z = e^r · 2^n}, with 2^n built from n's bits, and the sum of the row. The JIT runs the
     * bit moves one entry at a time, so the sum rides along in two partial sums instead of a pass
     * of its own.
     */
    private float scaleAndSum() {
        float even = 0;
        float odd = 0;
        int k = 0;
        for (; k + 1 < classes; k += 2) {
            float first = scratch[k] * power(z[k]);
            float second = scratch[k + 1] * power(z[k + 1]);
            z[k] = first;
            z[k + 1] = second;
            even += first;
            odd += second;
        }
        if (k < classes) {
            z[k] = scratch[k] * power(z[k]);
            even += z[k];
        }
        return even + odd;
    }

    /** 2^n from n held in the low bits of a float rounded by {@link #ROUNDER}. */
    private static float power(float rounded) {
        return Float.intBitsToFloat((Float.floatToRawIntBits(rounded) + EXPONENT_BIAS) << MANTISSA_BITS);
    }

    @Override
    double sumExcept(int k) {
        return sum(z, 0, k) + sum(z, k + 1, classes);
    }

    /** The sum of {@code values[from..to)}, in float: a plain loop that the JIT vectorises. */
    private static float sum(float[] values, int from, int to) {
        float sum = 0;
        for (int k = from; k < to; k++) {
            sum += values[k];
        }
        return sum;
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
