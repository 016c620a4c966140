package io.losslab.diffusion;

/**
 * The energy distance between two samples (Székely and Rizzo 2004),
 * {@code 2 E‖X - Y‖ - E‖X - X'‖ - E‖Y - Y'‖}, with every expectation the mean over all pairs
 * (the V-statistic, pairs of a point with itself included). It is 0 exactly when the two
 * samples are the same set of points and otherwise positive, and its population value is 0
 * only for equal distributions; between two finite samples of one distribution it is small but
 * positive, which is why {@link SampleQuality} reports that floor beside it.
 *
 * <pre>{@code
 * double d = EnergyDistance.between(samples, heldOut);
 * }</pre>
 */
public final class EnergyDistance {

    private EnergyDistance() {
    }

    /**
     * The energy distance between the rows of {@code a} and of {@code b}, O(N²) distances.
     *
     * @throws IllegalArgumentException if either is empty or ragged or their dimensions differ
     */
    public static double between(double[][] a, double[][] b) {
        int dimension = Points.dimension("a", a);
        Points.requireDimension("b", b, dimension);
        return 2 * meanDistance(a, b) - meanDistance(a, a) - meanDistance(b, b);
    }

    private static double meanDistance(double[][] a, double[][] b) {
        double sum = 0;
        for (double[] p : a) {
            double row = 0;
            for (double[] q : b) {
                double squared = 0;
                for (int d = 0; d < p.length; d++) {
                    double diff = p[d] - q[d];
                    squared += diff * diff;
                }
                row += Math.sqrt(squared);
            }
            sum += row;
        }
        return sum / ((double) a.length * b.length);
    }
}
