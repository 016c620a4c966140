package io.losslab.diffusion;

import io.losslab.data.FeatureMatrix;
import io.losslab.data.GaussianClasses;
import io.losslab.data.LabeledData;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Two-dimensional toy sets for diffusion, each a seeded sample labelled by its part (moon, ring,
 * mixture mode), so that samples can be told apart by part and class-conditional models trained.
 *
 * <pre>{@code
 * LabeledData moons = Toy2D.twoMoons(20_000, 0.05, 0);
 * GaussianClasses mixture = Toy2D.imbalancedMixture();       // one mode with 2% of the mass
 * LabeledData points = mixture.sample(20_000, 0);
 * }</pre>
 */
public final class Toy2D {

    private static final List<String> COORDINATES = List.of("x1", "x2");
    /** The swiss roll's angle runs over 1.5π … 4.5π, its classic range. */
    private static final double ROLL_START = 1.5 * Math.PI;
    private static final double ROLL_TURNS = 3 * Math.PI;

    private Toy2D() {
    }

    /**
     * Two interleaving half circles (scikit-learn's {@code make_moons}, with angles drawn uniformly
     * rather than on a grid): the upper {@code (cos θ, sin θ)}, the lower {@code (1 - cos θ, 1/2 - sin θ)},
     * θ uniform in [0, π], plus Gaussian noise of standard deviation {@code noise}, in random
     * order. The upper moon gets the odd point.
     *
     * @throws IllegalArgumentException if n is below 2 or noise is negative
     */
    public static LabeledData twoMoons(int n, double noise, long seed) {
        requireSize(n, 2);
        requireNoise(noise);
        SplittableRandom random = new SplittableRandom(seed);
        float[][] rows = new float[n][];
        int[] labels = shuffledLabels(random, (n + 1) / 2, n / 2);
        for (int i = 0; i < n; i++) {
            double theta = random.nextDouble(0, Math.PI);
            double x = labels[i] == 0 ? Math.cos(theta) : 1 - Math.cos(theta);
            double y = labels[i] == 0 ? Math.sin(theta) : 0.5 - Math.sin(theta);
            rows[i] = noisy(x, y, noise, random);
        }
        return dataset(rows, labels, List.of("upper", "lower"), describe("two moons", n, noise, seed));
    }

    /**
     * A swiss roll in the plane: {@code (θ cos θ, θ sin θ) / 3π} for θ uniform in [1.5π, 4.5π],
     * plus Gaussian noise of standard deviation {@code noise}; one class.
     *
     * @throws IllegalArgumentException if n is below 1 or noise is negative
     */
    public static LabeledData swissRoll(int n, double noise, long seed) {
        requireSize(n, 1);
        requireNoise(noise);
        SplittableRandom random = new SplittableRandom(seed);
        float[][] rows = new float[n][];
        for (int i = 0; i < n; i++) {
            double theta = ROLL_START + ROLL_TURNS * random.nextDouble();
            rows[i] = noisy(theta * Math.cos(theta) / ROLL_TURNS, theta * Math.sin(theta) / ROLL_TURNS, noise, random);
        }
        return dataset(rows, new int[n], List.of("roll"), describe("swiss roll", n, noise, seed));
    }

    /**
     * Three concentric rings of radius 1, 2 and 3, each with points in proportion to its length
     * (so the density along every ring is the same), plus Gaussian noise of standard deviation
     * {@code noise}; labelled by ring, in random order.
     *
     * @throws IllegalArgumentException if n is below 3 or noise is negative
     */
    public static LabeledData rings(int n, double noise, long seed) {
        requireSize(n, 3);
        requireNoise(noise);
        SplittableRandom random = new SplittableRandom(seed);
        float[][] rows = new float[n][];
        // Radii 1, 2, 3 have lengths in the ratio 1 : 2 : 3, so the rings take n/6, 2n/6, 3n/6 points.
        int first = Math.max(1, n / 6);
        int second = Math.max(1, n / 3);
        int[] labels = shuffledLabels(random, first, second, n - first - second);
        for (int i = 0; i < n; i++) {
            double radius = labels[i] + 1;
            double angle = random.nextDouble(0, 2 * Math.PI);
            rows[i] = noisy(radius * Math.cos(angle), radius * Math.sin(angle), noise, random);
        }
        return dataset(rows, labels, List.of("r1", "r2", "r3"), describe("rings", n, noise, seed));
    }

    /**
     * Gaussian modes of standard deviation {@code sigma} evenly spaced on a circle of radius
     * {@code radius}, with these weights (one per mode, summing to 1); draw points with
     * {@link GaussianClasses#sample(int, long)}.
     *
     * @throws IllegalArgumentException if there are fewer than two weights, they do not sum to 1,
     *     or radius or sigma is not positive
     */
    public static GaussianClasses mixtureOnCircle(double radius, double sigma, double... weights) {
        if (!(radius > 0) || Double.isInfinite(radius)) {
            throw new IllegalArgumentException("radius must be positive and finite, but is " + radius);
        }
        double[][] means = new double[weights.length][];
        for (int k = 0; k < weights.length; k++) {
            double angle = 2 * Math.PI * k / weights.length;
            means[k] = new double[] {radius * Math.cos(angle), radius * Math.sin(angle)};
        }
        return GaussianClasses.isotropic(means, sigma, weights);
    }

    /** Eight equal modes of standard deviation 0.25 on a circle of radius 2. */
    public static GaussianClasses eightGaussians() {
        double[] weights = new double[8];
        Arrays.fill(weights, 1.0 / 8);
        return mixtureOnCircle(2, 0.25, weights);
    }

    /**
     * Four modes of standard deviation 0.25 on a circle of radius 2 with weights 0.6, 0.25, 0.13
     * and 0.02: the last is rare, to show whether a model keeps it.
     */
    public static GaussianClasses imbalancedMixture() {
        return mixtureOnCircle(2, 0.25, 0.6, 0.25, 0.13, 0.02);
    }

    /** {@code counts[k]} labels k for every k, in random order (Fisher–Yates). */
    private static int[] shuffledLabels(SplittableRandom random, int... counts) {
        int[] labels = new int[Arrays.stream(counts).sum()];
        int filled = 0;
        for (int k = 0; k < counts.length; k++) {
            Arrays.fill(labels, filled, filled + counts[k], k);
            filled += counts[k];
        }
        for (int i = labels.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = labels[i];
            labels[i] = labels[j];
            labels[j] = swap;
        }
        return labels;
    }

    private static float[] noisy(double x, double y, double noise, SplittableRandom random) {
        return new float[] {(float) (x + noise * random.nextGaussian()), (float) (y + noise * random.nextGaussian())};
    }

    private static LabeledData dataset(float[][] rows, int[] labels, List<String> classes, String source) {
        return LabeledData.of(FeatureMatrix.of(rows, COORDINATES), labels, classes, source);
    }

    private static String describe(String name, int n, double noise, long seed) {
        return name + ", " + n + " points, noise " + noise + ", seed " + seed;
    }

    private static void requireSize(int n, int min) {
        if (n < min) {
            throw new IllegalArgumentException("n must be at least " + min + ", but is " + n);
        }
    }

    private static void requireNoise(double noise) {
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("noise must be non-negative and finite, but is " + noise);
        }
    }
}
