package io.losslab.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic classes with Gaussian class-conditionals {@code x | y=k ~ N(μ_k, Σ)} (one covariance
 * shared by every class) and class priors π, in any dimension, with their Bayes-optimal balanced
 * error: the floor every loss is measured against.
 *
 * <p>The balanced error {@code (1/K) Σ_k P(ŷ ≠ k | y = k)} weighs every class alike, so the rule
 * that minimises it ignores the priors and picks the class of highest density,
 * {@code argmax_k N(x; μ_k, Σ)}. After whitening with {@code Σ = L Lᵀ} that is the nearest
 * whitened mean. For two classes its error is exactly {@code Φ(-Δ/2)}, Δ the Mahalanobis distance
 * between the means; for more classes it is estimated numerically with a stated standard error.
 *
 * <pre>{@code
 * GaussianClasses g = GaussianClasses.isotropic(new double[][] {{0, 0}, {2, 0}}, 1.0, new double[] {0.9, 0.1});
 * LabeledData data = g.sample(10_000, 42);         // 9000 and 1000 examples
 * BayesError floor = g.bayesBalancedError();       // Φ(-1) = 0.158655 (exact)
 * }</pre>
 */
public final class GaussianClasses {

    /** Directions per class of the default numerical estimate: standard errors near 1e-4 or below. */
    public static final int DEFAULT_DIRECTIONS = 100_000;

    private static final long DEFAULT_ESTIMATE_SEED = 1;
    private static final double PRIOR_SUM_TOLERANCE = 1e-6;
    private static final double SYMMETRY_TOLERANCE = 1e-10;
    private static final double INDEPENDENCE_TOLERANCE = 1e-10;

    private final double[][] means;
    private final double[][] covariance;
    private final double[] priors;
    private final double[][] cholesky;
    private final double[][] whitenedMeans;

    private GaussianClasses(double[][] means, double[][] covariance, double[] priors, double[][] cholesky) {
        this.means = means;
        this.covariance = covariance;
        this.priors = priors;
        this.cholesky = cholesky;
        this.whitenedMeans = Arrays.stream(means).map(this::whiten).toArray(double[][]::new);
    }

    /**
     * Classes with these means, this shared covariance and these priors.
     *
     * @throws IllegalArgumentException if there are fewer than two classes, the shapes disagree,
     *     the covariance is not symmetric positive definite, two means coincide, or the priors are
     *     not positive and summing to 1
     */
    public static GaussianClasses of(double[][] means, double[][] covariance, double[] priors) {
        if (means.length < 2) {
            throw new IllegalArgumentException("means must give at least two classes, but give " + means.length);
        }
        int dimension = means[0].length;
        for (int k = 0; k < means.length; k++) {
            if (means[k].length != dimension || dimension == 0) {
                throw new IllegalArgumentException("means[" + k + "] has " + means[k].length
                        + " coordinates; every mean needs the same positive number, " + dimension);
            }
        }
        requireSquare(covariance, dimension);
        requirePriors(priors, means.length);
        double[][] copiedMeans = Arrays.stream(means).map(double[]::clone).toArray(double[][]::new);
        double[][] copiedCovariance = Arrays.stream(covariance).map(double[]::clone).toArray(double[][]::new);
        GaussianClasses classes = new GaussianClasses(copiedMeans, copiedCovariance, priors.clone(),
                cholesky(copiedCovariance));
        classes.requireDistinctMeans();
        return classes;
    }

    /** Classes with covariance σ²I. */
    public static GaussianClasses isotropic(double[][] means, double sigma, double[] priors) {
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("sigma must be positive and finite, but is " + sigma);
        }
        int dimension = means.length == 0 ? 0 : means[0].length;
        double[][] covariance = new double[dimension][dimension];
        for (int i = 0; i < dimension; i++) {
            covariance[i][i] = sigma * sigma;
        }
        return of(means, covariance, priors);
    }

    /** The number of classes K. */
    public int numClasses() {
        return means.length;
    }

    /** The dimension D. */
    public int dimension() {
        return covariance.length;
    }

    /** The mean of class {@code k}, a copy. */
    public double[] mean(int k) {
        return means[k].clone();
    }

    /** The shared covariance, a copy. */
    public double[][] covariance() {
        return Arrays.stream(covariance).map(double[]::clone).toArray(double[][]::new);
    }

    /** The priors π, a copy. */
    public double[] priors() {
        return priors.clone();
    }

    /** The Mahalanobis distance {@code √((μ_a - μ_b)ᵀ Σ⁻¹ (μ_a - μ_b))} between two class means. */
    public double mahalanobisDistance(int a, int b) {
        return Math.sqrt(squaredDistance(whitenedMeans[a], whitenedMeans[b]));
    }

    /**
     * How many of {@code n} examples each class gets: {@code n·π_k} rounded so they sum to n
     * (largest remainders), so a long-tailed prior gives exactly that tail.
     */
    public long[] classCounts(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be non-negative, but is " + n);
        }
        long[] counts = new long[priors.length];
        double[] remainders = new double[priors.length];
        long assigned = 0;
        for (int k = 0; k < priors.length; k++) {
            double exact = n * priors[k];
            counts[k] = (long) Math.floor(exact);
            remainders[k] = exact - counts[k];
            assigned += counts[k];
        }
        for (long left = n - assigned; left > 0; left--) {
            int largest = 0;
            for (int k = 1; k < priors.length; k++) {
                largest = remainders[k] > remainders[largest] ? k : largest;
            }
            counts[largest]++;
            remainders[largest] = -1;
        }
        return counts;
    }

    /** {@code n} examples in the proportions of the priors ({@link #classCounts}), in random order. */
    public LabeledData sample(int n, long seed) {
        return sample(classCounts(n), seed);
    }

    /**
     * Examples with exactly {@code counts[k]} of class k, in random order.
     *
     * @throws IllegalArgumentException if the counts are not one non-negative number per class
     */
    public LabeledData sample(long[] counts, long seed) {
        if (counts.length != numClasses() || Arrays.stream(counts).anyMatch(c -> c < 0)) {
            throw new IllegalArgumentException("counts must be " + numClasses() + " non-negative numbers, but are "
                    + Arrays.toString(counts));
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] labels = shuffledLabels(counts, random);
        int dimension = dimension();
        float[] values = new float[Math.multiplyExact(labels.length, dimension)];
        double[] z = new double[dimension];
        for (int i = 0; i < labels.length; i++) {
            for (int d = 0; d < dimension; d++) {
                z[d] = random.nextGaussian();
            }
            double[] mean = means[labels[i]];
            for (int row = 0; row < dimension; row++) {
                double x = mean[row];
                for (int col = 0; col <= row; col++) {
                    x += cholesky[row][col] * z[col];
                }
                values[i * dimension + row] = (float) x;
            }
        }
        FeatureMatrix features = new FeatureMatrix(values, labels.length, dimension,
                FeatureMatrix.numberedNames("x", 0, dimension));
        List<String> classNames = FeatureMatrix.numberedNames("class_", 0, numClasses());
        return LabeledData.create(features, labels, classNames, "Gaussian classes " + Arrays.toString(counts)
                + " in " + dimension + " dimensions, seed " + seed);
    }

    /**
     * The Mahalanobis distance {@code √((x - μ_k)ᵀ Σ⁻¹ (x - μ_k))} of a point from class k's mean.
     *
     * @throws IllegalArgumentException if {@code x} has the wrong dimension
     */
    public double mahalanobisDistance(double[] x, int k) {
        requirePoint(x);
        return Math.sqrt(squaredDistance(whiten(x), whitenedMeans[k]));
    }

    private void requirePoint(double[] x) {
        if (x.length != dimension()) {
            throw new IllegalArgumentException("x has " + x.length + " coordinates, but the classes live in "
                    + dimension() + " dimensions");
        }
    }

    /**
     * The class whose mean is nearest to {@code x} in Mahalanobis distance: the Bayes-optimal
     * decision for the balanced error, which weighs the classes equally whatever their priors.
     *
     * @throws IllegalArgumentException if {@code x} has the wrong dimension
     */
    public int bayesBalancedClass(double[] x) {
        requirePoint(x);
        double[] white = whiten(x);
        int best = 0;
        for (int k = 1; k < numClasses(); k++) {
            if (squaredDistance(white, whitenedMeans[k]) < squaredDistance(white, whitenedMeans[best])) {
                best = k;
            }
        }
        return best;
    }

    /**
     * The Bayes-optimal balanced error: exactly {@code Φ(-Δ/2)} for two classes, otherwise the
     * numerical estimate with {@link #DEFAULT_DIRECTIONS} directions per class and a fixed seed.
     */
    public BayesError bayesBalancedError() {
        if (numClasses() == 2) {
            return new BayesError(Normal.cdf(-mahalanobisDistance(0, 1) / 2), 0, true);
        }
        return numericalBalancedError(DEFAULT_DIRECTIONS, DEFAULT_ESTIMATE_SEED);
    }

    /**
     * The numerical estimate of the Bayes-optimal balanced error, for any number of classes.
     *
     * <p>For class k, write a whitened example as {@code m_k + R·u}, u a uniformly random direction
     * in the span of the mean differences and R the length of the noise there, chi-distributed.
     * The set of points nearest to {@code m_k} is convex and contains it, so along u it is
     * classified correctly exactly while {@code R < t(u)}, and the error given u is the chi tail
     * {@code P(R > t(u))}, known in closed form. Averaging that over random directions (each with
     * its opposite, which cancels much of the noise) integrates the radius exactly and leaves only
     * the direction to chance: the standard error is that of the mean over directions.
     *
     * @param directions how many directions (pairs u, -u) per class
     */
    public BayesError numericalBalancedError(int directions, long seed) {
        if (directions < 2) {
            throw new IllegalArgumentException("directions must be at least 2, but is " + directions);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double errorSum = 0;
        double varianceSum = 0;
        for (int k = 0; k < numClasses(); k++) {
            double[] perDirection = classErrorByDirection(k, directions, random);
            double mean = Arrays.stream(perDirection).average().orElseThrow();
            double variance = Arrays.stream(perDirection).map(e -> (e - mean) * (e - mean)).sum() / (directions - 1);
            errorSum += mean;
            varianceSum += variance / directions;
        }
        int classes = numClasses();
        return new BayesError(errorSum / classes, Math.sqrt(varianceSum) / classes, false);
    }

    /** P(misclassified | class k, direction), for random directions paired with their opposites. */
    private double[] classErrorByDirection(int k, int directions, SplittableRandom random) {
        List<double[]> differences = new ArrayList<>();
        for (int j = 0; j < numClasses(); j++) {
            if (j != k) {
                differences.add(subtract(whitenedMeans[j], whitenedMeans[k]));
            }
        }
        double[][] basis = orthonormalBasis(differences);
        int rank = basis.length;
        double[][] coordinates = differences.stream().map(d -> project(d, basis)).toArray(double[][]::new);
        double[] halfSquaredLengths = differences.stream().mapToDouble(d -> dot(d, d) / 2).toArray();
        double[] errors = new double[directions];
        double[] u = new double[rank];
        for (int s = 0; s < directions; s++) {
            randomUnitVector(u, random);
            double forward = Normal.chiUpperTail(rank, boundaryDistance(u, 1, coordinates, halfSquaredLengths));
            double backward = Normal.chiUpperTail(rank, boundaryDistance(u, -1, coordinates, halfSquaredLengths));
            errors[s] = (forward + backward) / 2;
        }
        return errors;
    }

    /**
     * How far from {@code m_k} along {@code sign·u} the first boundary {@code w·d_j = |d_j|²/2}
     * lies; infinite if the ray never leaves the class's region.
     */
    private static double boundaryDistance(double[] u, int sign, double[][] coordinates, double[] halfSquaredLengths) {
        double nearest = Double.POSITIVE_INFINITY;
        for (int j = 0; j < coordinates.length; j++) {
            double towards = sign * dot(coordinates[j], u);
            if (towards > 0) {
                nearest = Math.min(nearest, halfSquaredLengths[j] / towards);
            }
        }
        return nearest;
    }

    private static void randomUnitVector(double[] u, SplittableRandom random) {
        double norm;
        do {
            for (int i = 0; i < u.length; i++) {
                u[i] = random.nextGaussian();
            }
            norm = Math.sqrt(dot(u, u));
        } while (norm == 0);
        for (int i = 0; i < u.length; i++) {
            u[i] /= norm;
        }
    }

    /** Gram–Schmidt: an orthonormal basis of the span of {@code vectors}. */
    private static double[][] orthonormalBasis(List<double[]> vectors) {
        List<double[]> basis = new ArrayList<>();
        for (double[] vector : vectors) {
            double[] rest = vector.clone();
            for (double[] e : basis) {
                double along = dot(rest, e);
                for (int i = 0; i < rest.length; i++) {
                    rest[i] -= along * e[i];
                }
            }
            double norm = Math.sqrt(dot(rest, rest));
            if (norm > INDEPENDENCE_TOLERANCE * Math.sqrt(dot(vector, vector))) {
                for (int i = 0; i < rest.length; i++) {
                    rest[i] /= norm;
                }
                basis.add(rest);
            }
        }
        return basis.toArray(double[][]::new);
    }

    private static double[] project(double[] vector, double[][] basis) {
        return Arrays.stream(basis).mapToDouble(e -> dot(vector, e)).toArray();
    }

    /** Solves {@code L y = x}: whitened coordinates, in which the covariance is the identity. */
    private double[] whiten(double[] x) {
        int dimension = cholesky.length;
        double[] y = new double[dimension];
        for (int row = 0; row < dimension; row++) {
            double sum = x[row];
            for (int col = 0; col < row; col++) {
                sum -= cholesky[row][col] * y[col];
            }
            y[row] = sum / cholesky[row][row];
        }
        return y;
    }

    private static int[] shuffledLabels(long[] counts, SplittableRandom random) {
        int[] labels = new int[Math.toIntExact(Arrays.stream(counts).sum())];
        int filled = 0;
        for (int k = 0; k < counts.length; k++) {
            Arrays.fill(labels, filled, filled + (int) counts[k], k);
            filled += (int) counts[k];
        }
        Sampling.shuffle(labels, random);
        return labels;
    }

    /** The lower-triangular L with {@code covariance = L Lᵀ}. */
    private static double[][] cholesky(double[][] covariance) {
        int n = covariance.length;
        double[][] l = new double[n][n];
        for (int row = 0; row < n; row++) {
            for (int col = 0; col <= row; col++) {
                double sum = covariance[row][col];
                for (int i = 0; i < col; i++) {
                    sum -= l[row][i] * l[col][i];
                }
                if (row == col) {
                    if (!(sum > 0)) {
                        throw new IllegalArgumentException("covariance must be positive definite, but its Cholesky pivot "
                                + row + " is " + sum);
                    }
                    l[row][row] = Math.sqrt(sum);
                } else {
                    l[row][col] = sum / l[col][col];
                }
            }
        }
        return l;
    }

    private static void requireSquare(double[][] covariance, int dimension) {
        if (covariance.length != dimension || Arrays.stream(covariance).anyMatch(r -> r.length != dimension)) {
            throw new IllegalArgumentException("covariance must be " + dimension + "×" + dimension
                    + " to match the means, but has " + covariance.length + " rows");
        }
        for (int i = 0; i < dimension; i++) {
            for (int j = 0; j < i; j++) {
                double scale = Math.max(Math.abs(covariance[i][j]), Math.abs(covariance[j][i]));
                if (Math.abs(covariance[i][j] - covariance[j][i]) > SYMMETRY_TOLERANCE * Math.max(1, scale)) {
                    throw new IllegalArgumentException("covariance must be symmetric, but covariance[" + i + "][" + j
                            + "] = " + covariance[i][j] + " and covariance[" + j + "][" + i + "] = " + covariance[j][i]);
                }
            }
        }
    }

    private static void requirePriors(double[] priors, int numClasses) {
        if (priors.length != numClasses) {
            throw new IllegalArgumentException("priors has " + priors.length + " entries for " + numClasses + " classes");
        }
        double sum = 0;
        for (int k = 0; k < priors.length; k++) {
            if (!(priors[k] > 0) || Double.isInfinite(priors[k])) {
                throw new IllegalArgumentException("priors[" + k + "] = " + priors[k] + " must be positive");
            }
            sum += priors[k];
        }
        if (Math.abs(sum - 1) > PRIOR_SUM_TOLERANCE) {
            throw new IllegalArgumentException("priors must sum to 1, but sum to " + sum);
        }
    }

    private void requireDistinctMeans() {
        for (int a = 0; a < numClasses(); a++) {
            for (int b = 0; b < a; b++) {
                if (mahalanobisDistance(a, b) == 0) {
                    throw new IllegalArgumentException("means[" + b + "] and means[" + a
                            + "] are equal: no classifier can tell those classes apart");
                }
            }
        }
    }

    private static double[] subtract(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double squaredDistance(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return sum;
    }
}
