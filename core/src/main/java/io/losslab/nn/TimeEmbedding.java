package io.losslab.nn;

/**
 * The sinusoidal embedding of the step t (Vaswani et al. 2017, as in DDPM): with h = E/2
 * frequencies {@code ω_j = 10000^(-j/h)}, the vector {@code (sin tω_0, …, sin tω_{h-1},
 * cos tω_0, …, cos tω_{h-1})}. Computed once for every t of the schedule.
 *
 * <pre>{@code
 * TimeEmbedding embedding = new TimeEmbedding(32, 1000);
 * float[] e = embedding.of(250);
 * }</pre>
 */
public final class TimeEmbedding {

    private static final double MAX_PERIOD = 10_000;

    private final int dimension;
    private final float[][] table;

    /**
     * @param dimension E, a positive even number
     * @param steps     the largest t
     * @throws IllegalArgumentException naming timeEmbedding if E is not positive and even
     */
    public TimeEmbedding(int dimension, int steps) {
        if (dimension < 2 || dimension % 2 != 0) {
            throw new IllegalArgumentException("timeEmbedding must be a positive even number, but is " + dimension);
        }
        this.dimension = dimension;
        int half = dimension / 2;
        table = new float[steps + 1][dimension];
        for (int t = 0; t <= steps; t++) {
            for (int j = 0; j < half; j++) {
                double angle = t * Math.exp(-Math.log(MAX_PERIOD) * j / half);
                table[t][j] = (float) Math.sin(angle);
                table[t][half + j] = (float) Math.cos(angle);
            }
        }
    }

    /** E, the length of every embedding. */
    public int dimension() {
        return dimension;
    }

    /** The embedding of step t; the caller must not change it. */
    public float[] of(int t) {
        return table[t];
    }
}
