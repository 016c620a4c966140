package io.losslab.diffusion;

import io.losslab.data.FeatureMatrix;
import io.losslab.data.LabeledData;

/**
 * A dataset's feature rows as an N×D array of doubles, the form samplers, quality measures and
 * plots take; and the shape checks the package makes on such arrays.
 *
 * <pre>{@code
 * double[][] heldOut = Points.of(unit.apply(Toy2D.twoMoons(2000, 0.05, 1)));
 * SampleQuality q = SampleQuality.measure(samples, heldOut, reference, 1);
 * }</pre>
 */
public final class Points {

    private Points() {
    }

    /** The feature rows of {@code data} as an N×D array. */
    public static double[][] of(LabeledData data) {
        FeatureMatrix features = data.features();
        float[] values = features.toArray();
        int dimension = features.numColumns();
        double[][] points = new double[features.numRows()][dimension];
        for (int i = 0; i < points.length; i++) {
            for (int d = 0; d < dimension; d++) {
                points[i][d] = values[i * dimension + d];
            }
        }
        return points;
    }

    /**
     * The dimension of a non-empty array of points whose rows all have it.
     *
     * @throws IllegalArgumentException naming {@code name} if it is empty or ragged
     */
    static int dimension(String name, double[][] points) {
        if (points.length == 0) {
            throw new IllegalArgumentException(name + " must hold at least one point, but is empty");
        }
        int dimension = points[0].length;
        for (int i = 0; i < points.length; i++) {
            if (points[i].length != dimension || dimension == 0) {
                throw new IllegalArgumentException(name + "[" + i + "] has " + points[i].length
                        + " coordinates; every point needs the same positive number, " + dimension);
            }
        }
        return dimension;
    }

    /**
     * Checks that {@code points} are non-empty rows of {@code expected} coordinates.
     *
     * @throws IllegalArgumentException naming {@code name}, the expected and the actual dimension
     */
    static void requireDimension(String name, double[][] points, int expected) {
        int dimension = dimension(name, points);
        if (dimension != expected) {
            throw new IllegalArgumentException(name + " has " + dimension + " dimensions, but " + expected
                    + " are needed");
        }
    }

    /** Checks that {@code data} has examples of {@code expected} features. */
    static void requireDimension(String name, LabeledData data, int expected) {
        if (data.size() == 0) {
            throw new IllegalArgumentException(name + " must hold at least one example, but is empty");
        }
        if (data.numFeatures() != expected) {
            throw new IllegalArgumentException(name + " has " + data.numFeatures() + " dimensions, but " + expected
                    + " are needed");
        }
    }

    /** A deep copy. */
    static double[][] copy(double[][] points) {
        double[][] out = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            out[i] = points[i].clone();
        }
        return out;
    }
}
