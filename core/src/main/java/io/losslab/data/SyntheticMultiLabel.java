package io.losslab.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Synthetic multi-label data whose best achievable macro-F1 is known exactly.
 *
 * <p>Features are {@code x ~ N(0, I)}. Label l has a hidden value {@code a_l = [w_l · x > b_l]},
 * w_l a unit direction, and is observed flipped with probability ε:
 * {@code y_l = a_l XOR Bernoulli(ε)}. Labels are correlated through the shared x when their
 * directions are. The posterior {@code P(y_l = 1 | x)} takes only the values 1-ε (where
 * {@code a_l = 1}) and ε, so the F1-optimal predictor, a threshold on the posterior, either
 * predicts {@code a_l} or predicts the label everywhere; with {@code q = P(a_l = 1)} and
 * {@code p = P(y_l = 1)} their F1 scores are {@code 2q(1-ε) / (2q(1-ε) + ε)} and
 * {@code 2p / (1 + p)}, and the best F1 of the label is the larger. Rare labels make a long tail
 * of label frequencies.
 *
 * <pre>{@code
 * SyntheticMultiLabel model = SyntheticMultiLabel.random(20, new double[] {0.3, 0.1, 0.03, 0.01}, 0.005, 7);
 * MultiLabelData train = model.sample(10_000, 1);
 * double ceiling = model.bestMacroF1();
 * }</pre>
 */
public final class SyntheticMultiLabel {

    private final double[][] directions;
    private final double[] thresholds;
    private final double[] hiddenRates;
    private final double[] labelRates;
    private final double flipProbability;

    private SyntheticMultiLabel(double[][] directions, double[] labelRates, double flipProbability) {
        this.directions = directions;
        this.labelRates = labelRates;
        this.flipProbability = flipProbability;
        this.hiddenRates = new double[labelRates.length];
        this.thresholds = new double[labelRates.length];
        for (int l = 0; l < labelRates.length; l++) {
            // p = q(1-ε) + (1-q)ε, solved for the hidden rate q.
            hiddenRates[l] = (labelRates[l] - flipProbability) / (1 - 2 * flipProbability);
            // w·x is standard normal for a unit w, so P(w·x > b) = q at b = Φ⁻¹(1 - q).
            thresholds[l] = Normal.quantile(1 - hiddenRates[l]);
        }
    }

    /**
     * A model with these label directions (normalised to unit length), label frequencies
     * {@code P(y_l = 1)} and flip probability ε.
     *
     * @throws IllegalArgumentException if a direction is zero or of the wrong length, ε is outside
     *     [0, 1/2), or a frequency is outside (ε, 1-ε), the range flips leave reachable
     */
    public static SyntheticMultiLabel of(double[][] directions, double[] labelRates, double flipProbability) {
        if (!(flipProbability >= 0 && flipProbability < 0.5)) {
            throw new IllegalArgumentException("flipProbability must be in [0, 0.5), but is " + flipProbability);
        }
        if (directions.length == 0 || directions.length != labelRates.length) {
            throw new IllegalArgumentException("directions and labelRates must give the same positive number of labels, "
                    + "but give " + directions.length + " and " + labelRates.length);
        }
        int dimension = directions[0].length;
        double[][] unit = new double[directions.length][];
        for (int l = 0; l < directions.length; l++) {
            double norm = Math.sqrt(Arrays.stream(directions[l]).map(v -> v * v).sum());
            if (directions[l].length != dimension || !(norm > 0) || Double.isInfinite(norm)) {
                throw new IllegalArgumentException("directions[" + l + "] must be a non-zero finite vector of length "
                        + dimension + ", but is " + Arrays.toString(directions[l]));
            }
            unit[l] = Arrays.stream(directions[l]).map(v -> v / norm).toArray();
            double rate = labelRates[l];
            if (!(rate > flipProbability && rate < 1 - flipProbability)) {
                throw new IllegalArgumentException("labelRates[" + l + "] = " + rate + " must be in (" + flipProbability
                        + ", " + (1 - flipProbability) + "): with flip probability " + flipProbability
                        + " no label is rarer or commoner than that");
            }
        }
        return new SyntheticMultiLabel(unit, labelRates.clone(), flipProbability);
    }

    /** A model with random directions in {@code dimension} dimensions. */
    public static SyntheticMultiLabel random(int dimension, double[] labelRates, double flipProbability, long seed) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be at least 1, but is " + dimension);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[][] directions = new double[labelRates.length][dimension];
        for (double[] direction : directions) {
            for (int d = 0; d < dimension; d++) {
                direction[d] = random.nextGaussian();
            }
        }
        return of(directions, labelRates, flipProbability);
    }

    /** The number of labels L. */
    public int numLabels() {
        return labelRates.length;
    }

    /** The dimension of the features. */
    public int dimension() {
        return directions[0].length;
    }

    /** {@code n} examples. */
    public MultiLabelData sample(int n, long seed) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be non-negative, but is " + n);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int dimension = dimension();
        float[] values = new float[Math.multiplyExact(n, dimension)];
        boolean[] labels = new boolean[Math.multiplyExact(n, numLabels())];
        double[] x = new double[dimension];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < dimension; d++) {
                x[d] = random.nextGaussian();
                values[i * dimension + d] = (float) x[d];
            }
            for (int l = 0; l < numLabels(); l++) {
                boolean flipped = random.nextDouble() < flipProbability;
                labels[i * numLabels() + l] = hidden(l, x) != flipped;
            }
        }
        FeatureMatrix features = new FeatureMatrix(values, n, dimension, FeatureMatrix.numberedNames("x", 0, dimension));
        return MultiLabelData.create(features, labels, FeatureMatrix.numberedNames("label_", 0, numLabels()),
                "synthetic multi-label data, " + numLabels() + " labels, flip probability " + flipProbability
                        + ", seed " + seed);
    }

    /** The F1-optimal prediction for {@code x}: per label, the hidden value or, where that is better, always yes. */
    public boolean[] bestF1Prediction(double[] x) {
        if (x.length != dimension()) {
            throw new IllegalArgumentException("x has " + x.length + " coordinates, but the model has " + dimension());
        }
        boolean[] prediction = new boolean[numLabels()];
        for (int l = 0; l < numLabels(); l++) {
            prediction[l] = alwaysYesF1(l) > hiddenValueF1(l) || hidden(l, x);
        }
        return prediction;
    }

    /** The best F1 any classifier reaches on label {@code l}. */
    public double bestF1(int l) {
        return Math.max(hiddenValueF1(l), alwaysYesF1(l));
    }

    /** The best macro-F1 (the mean over labels of each label's F1) any classifier reaches. */
    public double bestMacroF1() {
        double sum = 0;
        for (int l = 0; l < numLabels(); l++) {
            sum += bestF1(l);
        }
        return sum / numLabels();
    }

    /** The frequency {@code P(y_l = 1)} of label {@code l}. */
    public double labelRate(int l) {
        return labelRates[l];
    }

    private boolean hidden(int l, double[] x) {
        double projection = 0;
        for (int d = 0; d < x.length; d++) {
            projection += directions[l][d] * x[d];
        }
        return projection > thresholds[l];
    }

    /** F1 of predicting the hidden value: TP = q(1-ε), FP = qε, FN = (1-q)ε. */
    private double hiddenValueF1(int l) {
        double truePositive = hiddenRates[l] * (1 - flipProbability);
        return 2 * truePositive / (2 * truePositive + flipProbability);
    }

    /** F1 of predicting the label everywhere: TP = p, FP = 1 - p, FN = 0. */
    private double alwaysYesF1(int l) {
        return 2 * labelRates[l] / (1 + labelRates[l]);
    }
}
