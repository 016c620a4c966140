package io.losslab.nn;

/**
 * Sets to zero the optimiser state that is about to decay into subnormal floats. A moment whose
 * gradient stays 0 (the weights of a dead ReLU unit, or of an input that is always 0, as the border
 * pixels of Fashion-MNIST are) shrinks by β at every step until it is subnormal, and then stays
 * there: β times one of the smallest subnormals rounds back to the same value. The processor takes
 * a slow path for every subnormal operand, which made Adam's loop ten to twenty times slower from a
 * few hundred steps on. Flushing only what is already subnormal still left a dying moment up to
 * {@link #PERIOD} steps on the slow path, and in the epochs where many units die Adam took three to
 * five times as long; so what is flushed is everything below {@link #THRESHOLD}, which even
 * Adam's β1 = 0.9 cannot shrink below the smallest normal float within a period. Such values are
 * too small to move any parameter: a first moment of 1e-30 moves one by at most 1e-22 of the
 * learning rate, and a second moment of 1e-30 changes Adam's denominator by 1e-15 against its
 * ε = 1e-8.
 */
final class Subnormals {

    /** Steps between flushes: frequent enough that no value stays subnormal long, rare enough to cost nothing. */
    static final int PERIOD = 64;
    /** Values below this magnitude are flushed: 0.9^64 · 1e-30 is still above 1.2e-38. */
    static final float THRESHOLD = 1e-30f;

    private Subnormals() {
    }

    /** Sets the entries of {@code values} below {@link #THRESHOLD} in magnitude, from index {@code from} to {@code to} (exclusive), to zero. */
    static void flush(float[] values, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Math.abs(values[i]) < THRESHOLD) {
                values[i] = 0f;
            }
        }
    }
}
