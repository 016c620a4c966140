package io.losslab.diffusion;

import io.losslab.data.FeatureMatrix;
import io.losslab.data.LabeledData;
import java.util.Arrays;

/**
 * An affine map per coordinate, {@code x' = (x - offset) / scale}, and its inverse: diffusion
 * assumes data on the scale of its unit-variance noise, so data is mapped there for training and
 * samples are mapped back.
 *
 * <pre>{@code
 * Rescaling unit = Rescaling.standardise(moons);          // mean 0, variance 1 per coordinate
 * Rescaling pixels = Rescaling.fromRange(0, 16, 64);      // digit pixels 0..16 to -1..1
 * double[][] images = pixels.invert(model.sample(Sampler.ddim(50), 100, 1).last());
 * }</pre>
 */
public final class Rescaling {

    private final double[] offset;
    private final double[] scale;

    private Rescaling(double[] offset, double[] scale) {
        this.offset = offset;
        this.scale = scale;
    }

    /**
     * The map to mean 0 and standard deviation 1 in every coordinate of {@code data}; a
     * coordinate that never varies is only centred.
     */
    public static Rescaling standardise(LabeledData data) {
        return standardise(Points.of(data));
    }

    /** As {@link #standardise(LabeledData)}, for an N×D array of points. */
    public static Rescaling standardise(double[][] points) {
        int dimension = Points.dimension("points", points);
        double[] mean = new double[dimension];
        double[] std = new double[dimension];
        for (double[] point : points) {
            for (int d = 0; d < dimension; d++) {
                mean[d] += point[d] / points.length;
            }
        }
        for (double[] point : points) {
            for (int d = 0; d < dimension; d++) {
                double centred = point[d] - mean[d];
                std[d] += centred * centred / points.length;
            }
        }
        for (int d = 0; d < dimension; d++) {
            std[d] = std[d] > 0 ? Math.sqrt(std[d]) : 1;
        }
        return new Rescaling(mean, std);
    }

    /**
     * The map of {@code [min, max]} onto {@code [-1, 1]} in each of {@code dimension} coordinates.
     *
     * @throws IllegalArgumentException if min is not below max or dimension is below 1
     */
    public static Rescaling fromRange(double min, double max, int dimension) {
        if (!(min < max) || Double.isInfinite(max - min)) {
            throw new IllegalArgumentException("min must be below max and both finite, but they are " + min
                    + " and " + max);
        }
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be at least 1, but is " + dimension);
        }
        double[] offset = new double[dimension];
        double[] scale = new double[dimension];
        Arrays.fill(offset, (min + max) / 2);
        Arrays.fill(scale, (max - min) / 2);
        return new Rescaling(offset, scale);
    }

    /** The number of coordinates D. */
    public int dimension() {
        return offset.length;
    }

    /** The offset subtracted from each coordinate, a copy. */
    public double[] offset() {
        return offset.clone();
    }

    /** The scale each coordinate is divided by, a copy. */
    public double[] scale() {
        return scale.clone();
    }

    /** {@code (x - offset) / scale} of every point, in new arrays. */
    public double[][] apply(double[][] points) {
        Points.requireDimension("points", points, dimension());
        double[][] out = new double[points.length][dimension()];
        for (int i = 0; i < points.length; i++) {
            for (int d = 0; d < dimension(); d++) {
                out[i][d] = (points[i][d] - offset[d]) / scale[d];
            }
        }
        return out;
    }

    /** The same examples with rescaled features, labels and names kept. */
    public LabeledData apply(LabeledData data) {
        Points.requireDimension("data", data, dimension());
        double[][] mapped = apply(Points.of(data));
        float[][] rows = new float[mapped.length][dimension()];
        for (int i = 0; i < mapped.length; i++) {
            for (int d = 0; d < dimension(); d++) {
                rows[i][d] = (float) mapped[i][d];
            }
        }
        return LabeledData.of(FeatureMatrix.of(rows, data.featureNames()), data.labels(), data.classNames(),
                data.source() + ", rescaled");
    }

    /** {@code x · scale + offset} of every point, in new arrays: samples back in the data's units. */
    public double[][] invert(double[][] points) {
        Points.requireDimension("points", points, dimension());
        double[][] out = new double[points.length][dimension()];
        for (int i = 0; i < points.length; i++) {
            for (int d = 0; d < dimension(); d++) {
                out[i][d] = points[i][d] * scale[d] + offset[d];
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "Rescaling(offset " + Arrays.toString(offset) + ", scale " + Arrays.toString(scale) + ")";
    }
}
