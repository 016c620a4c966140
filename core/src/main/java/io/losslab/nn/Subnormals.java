package io.losslab.nn;

/**
 * Sets to zero the optimiser state that has decayed below the smallest normal float. A moment whose
 * gradient stays 0 (the weights of a dead ReLU unit, or of an input that is always 0, as the border
 * pixels of Fashion-MNIST are) shrinks by β at every step until it is subnormal, and then stays
 * there: β times one of the smallest subnormals rounds back to the same value. The processor takes
 * a slow path for every subnormal operand, which made Adam's loop ten to twenty times slower from a
 * few hundred steps on. What is flushed is below 1.2e-38, too small to move any parameter.
 */
final class Subnormals {

    /** Steps between flushes: frequent enough that no value stays subnormal long, rare enough to cost nothing. */
    static final int PERIOD = 64;

    private Subnormals() {
    }

    /** Sets the subnormal entries of {@code values} to zero. */
    static void flush(float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (Math.abs(values[i]) < Float.MIN_NORMAL) {
                values[i] = 0f;
            }
        }
    }
}
