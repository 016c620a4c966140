package io.losslab.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An independent plain-Java oracle for every loss of the design's "Losses" table.
 *
 * <p>Each loss is re-implemented here from the design's formula with loops over
 * {@code double[][]} logits, {@link Math#exp}/{@link Math#log} and a max-shifted log-sum-exp — no
 * ND4J and nothing taken from the library's own computation. The reference gradient is either
 * written out by the chain rule (and then itself checked against central finite differences) or
 * is the central finite difference of the plain-Java value. The library must agree with the
 * oracle, in float64, for {@link Reduction#MEAN} and {@link Reduction#SUM} (which is N × MEAN for
 * every loss), within the tolerance of {@link #assertClose(double, double, String)}.
 *
 * <p>A second group of cases has expected values written as closed-form expressions worked out
 * by hand, and a third checks the {@link ClassWeights} schemes against their formulas.
 */
class ReferenceLossesTest {

    /** Batch size and number of classes of the random cases. */
    private static final int N = 6;
    private static final int K = 5;

    /** Long-tailed training counts used to bind the class-distribution-aware losses. */
    private static final long[] COUNTS = {400, 120, 35, 9, 2};

    /** The design's bar: float64 values and gradients within 1e-6 of an independent reference. */
    private static final double ABSOLUTE_TOLERANCE = 1e-6;
    private static final double RELATIVE_TOLERANCE = 1e-6;

    /** Step of the central finite differences of the reference value. */
    private static final double FD_STEP = 1e-5;

    // ---------------------------------------------------------------------------------------
    // Tolerance: the one place that says what "agree" means.
    // ---------------------------------------------------------------------------------------

    /** |actual − expected| ≤ 1e-6 + 1e-6·|expected|. */
    private static void assertClose(double expected, double actual, String what) {
        double allowed = ABSOLUTE_TOLERANCE + RELATIVE_TOLERANCE * Math.abs(expected);
        double difference = Math.abs(actual - expected);
        assertTrue(difference <= allowed, () -> what + ": expected " + expected + " but was " + actual
                + " (|difference| " + difference + " > allowed " + allowed + ")");
    }

    private static void assertClose(double[][] expected, double[][] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": number of rows");
        for (int n = 0; n < expected.length; n++) {
            assertEquals(expected[n].length, actual[n].length, what + ": number of columns in row " + n);
            for (int k = 0; k < expected[n].length; k++) {
                assertClose(expected[n][k], actual[n][k], what + "[" + n + "][" + k + "]");
            }
        }
    }

    // ---------------------------------------------------------------------------------------
    // The oracle: a batch loss as its MEAN value and (optionally) its MEAN gradient.
    // ---------------------------------------------------------------------------------------

    /** The MEAN-reduced value of a loss on a batch of logits. */
    @FunctionalInterface
    interface MeanValue {
        double of(double[][] logits);
    }

    /** The gradient of the MEAN-reduced value with respect to the logits. */
    @FunctionalInterface
    interface MeanGradient {
        double[][] of(double[][] logits);
    }

    /**
     * A reference loss. {@code gradient} is null where it is not written out; then the reference
     * gradient is the central finite difference of {@code value}.
     */
    record Oracle(MeanValue value, MeanGradient gradient) {

        static Oracle numeric(MeanValue value) {
            return new Oracle(value, null);
        }

        double[][] referenceGradient(double[][] logits) {
            return gradient != null ? gradient.of(logits) : finiteDifference(value, logits);
        }
    }

    /** One random case: the library's loss, the batch, and the oracle for the same loss. */
    record Case(Loss loss, double[][] logits, Targets targets, Oracle oracle) {
    }

    /** Central differences {@code (f(s + h e_nk) − f(s − h e_nk)) / 2h}. */
    static double[][] finiteDifference(MeanValue f, double[][] logits) {
        double[][] s = copy(logits);
        double[][] gradient = new double[s.length][s[0].length];
        for (int n = 0; n < s.length; n++) {
            for (int k = 0; k < s[n].length; k++) {
                double original = s[n][k];
                s[n][k] = original + FD_STEP;
                double up = f.of(s);
                s[n][k] = original - FD_STEP;
                double down = f.of(s);
                s[n][k] = original;
                gradient[n][k] = (up - down) / (2 * FD_STEP);
            }
        }
        return gradient;
    }

    // ---------------------------------------------------------------------------------------
    // The random cases: one per loss and parameter setting, each with its own seed.
    // ---------------------------------------------------------------------------------------

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        long seed = 1000;

        all.add(classCase("ce", seed++, Losses.ce(), Reference::crossEntropy));

        Object[][] schemes = {
            {"uniform", ClassWeights.uniform()},
            {"inverse", ClassWeights.inverseFrequency()},
            {"inverse-sqrt", ClassWeights.inverseSqrt()}};
        for (Object[] scheme : schemes) {
            double[] w = Reference.classWeights((String) scheme[0], Double.NaN, COUNTS);
            all.add(classCase("weighted-ce scheme=" + scheme[0], seed++,
                    Losses.weightedCe((ClassWeights) scheme[1]).withClassCounts(COUNTS),
                    y -> Reference.weightedCe(y, w)));
        }
        for (double beta : new double[] {0.9, 0.99, 0.999}) {
            double[] w = Reference.classWeights("effective", beta, COUNTS);
            all.add(classCase("weighted-ce scheme=effective beta=" + beta, seed++,
                    Losses.weightedCe(ClassWeights.effectiveNumber(beta)).withClassCounts(COUNTS),
                    y -> Reference.weightedCe(y, w)));
        }
        double[] explicitWeights = {0.5, 1.0, 2.0, 0.0, 3.25};
        all.add(classCase("weighted-ce explicit weights", seed++, Losses.weightedCe(explicitWeights),
                y -> Reference.weightedCe(y, explicitWeights)));
        double[] specWeights = Reference.classWeights("effective", 0.99, COUNTS);
        all.add(classCase("weighted-ce from spec scheme=effective beta=0.99", seed++,
                Losses.parse("weighted-ce(scheme=effective, beta=0.99)").withClassCounts(COUNTS),
                y -> Reference.weightedCe(y, specWeights)));
        double[] inverseWeights = Reference.classWeights("inverse", Double.NaN, COUNTS);
        all.add(classCase("weighted-ce scheme=inverse normalise=weights", seed++,
                Losses.parse("weighted-ce(scheme=inverse, normalise=weights)").withClassCounts(COUNTS),
                y -> Reference.weightedCeOverWeights(y, inverseWeights)));
        all.add(classCase("weighted-ce explicit weights normalise=weights", seed++,
                Losses.parse("weighted-ce(weights=[0.5, 1, 2, 0, 3.25], normalise=weights)"),
                y -> Reference.weightedCeOverWeights(y, explicitWeights)));

        for (double gamma : new double[] {0, 0.5, 2}) {
            all.add(classCase("focal gamma=" + gamma, seed++, Losses.focal(gamma),
                    y -> Reference.focal(y, gamma, null)));
        }
        double[] alpha = {0.25, 0.5, 0.75, 1.0, 2.0};
        all.add(classCase("focal gamma=2 with alpha", seed++, Losses.focal(2, alpha),
                y -> Reference.focal(y, 2, alpha)));

        for (double k : new double[] {0.5, 3}) {
            all.add(classCase("soft-truncation k=" + k + " on classes", seed++, Losses.softTruncation(k),
                    y -> Reference.softTruncation(oneHot(y), k)));
            all.add(matrixCase("soft-truncation k=" + k + " on multi-label", seed++, Losses.softTruncation(k),
                    TargetKind.MULTI_LABEL, t -> Reference.softTruncation(t, k)));
        }

        for (double epsilon : new double[] {1, 0.1}) {
            all.add(classCase("dice eps=" + epsilon + " on classes (softmax)", seed++, Losses.dice(epsilon),
                    y -> Reference.dice(oneHot(y), true, epsilon)));
            all.add(matrixCase("dice eps=" + epsilon + " on multi-label (sigmoid)", seed++, Losses.dice(epsilon),
                    TargetKind.MULTI_LABEL, t -> Reference.dice(t, false, epsilon)));
        }
        all.add(matrixCase("dice eps=1 on soft targets (sigmoid)", seed++, Losses.dice(1),
                TargetKind.SOFT, t -> Reference.dice(t, false, 1)));

        double[] countPrior = Reference.frequencies(COUNTS);
        for (double tau : new double[] {0, 1, 2}) {
            all.add(classCase("logit-adjusted tau=" + tau + " with counts", seed++,
                    Losses.logitAdjusted(tau).withClassCounts(COUNTS),
                    y -> Reference.logitAdjusted(y, tau, countPrior)));
        }
        double[] prior = {0.1, 0.2, 0.3, 0.15, 0.25};
        for (double tau : new double[] {0.5, 1}) {
            all.add(classCase("logit-adjusted tau=" + tau + " with explicit prior", seed++,
                    Losses.logitAdjusted(tau, ClassPrior.of(prior)), y -> Reference.logitAdjusted(y, tau, prior)));
        }
        // An explicit prior wins over counts bound later.
        all.add(classCase("logit-adjusted tau=2 explicit prior then counts", seed++,
                Losses.logitAdjusted(2, ClassPrior.of(prior)).withClassCounts(COUNTS),
                y -> Reference.logitAdjusted(y, 2, prior)));

        all.add(classCase("balanced-softmax with counts", seed++, Losses.balancedSoftmax().withClassCounts(COUNTS),
                y -> Reference.logitAdjusted(y, 1, countPrior)));
        all.add(classCase("balanced-softmax from spec with prior", seed++,
                Losses.parse("balanced-softmax(prior=[0.1, 0.2, 0.3, 0.15, 0.25])"),
                y -> Reference.logitAdjusted(y, 1, prior)));

        for (double[] cs : new double[][] {{1, 1}, {0.5, 10}, {0, 2}}) {
            double c = cs[0];
            double scale = cs[1];
            double[] delta = Reference.ldamMargins(c, COUNTS);
            all.add(classCase("ldam c=" + c + " scale=" + scale, seed++,
                    Losses.ldam(c, scale).withClassCounts(COUNTS), y -> Reference.ldam(y, delta, scale)));
        }
        for (double[] cs : new double[][] {{0.5, 30}, {2, 1}}) {
            double c = cs[0];
            double scale = cs[1];
            double[] delta = Reference.ldamRescaledMargins(c, COUNTS);
            String spec = "ldam(c=" + LossSpecs.format(c) + ", scale=" + LossSpecs.format(scale)
                    + ", margins=rescaled)";
            all.add(classCase(spec, seed++, Losses.parse(spec).withClassCounts(COUNTS),
                    y -> Reference.ldam(y, delta, scale)));
        }

        for (double[] cm : new double[][] {{30, 0.35}, {10, 0.2}, {30, 0}}) {
            double c = cm[0];
            double m = cm[1];
            all.add(cosineCase("am-softmax scale=" + c + " margin=" + m, seed++, Losses.amSoftmax(c, m),
                    y -> Reference.amSoftmax(y, c, m)));
        }

        all.add(matrixCase("zlpr on multi-label", seed++, Losses.zlpr(), TargetKind.MULTI_LABEL, Reference::zlpr));
        all.add(classCase("zlpr on classes (one-hot)", seed++, Losses.zlpr(), y -> Reference.zlpr(oneHot(y))));
        all.add(matrixCase("zlpr-soft on soft targets", seed++, Losses.zlprSoft(), TargetKind.SOFT, Reference::zlpr));
        all.add(matrixCase("zlpr-soft on multi-label", seed++, Losses.zlprSoft(), TargetKind.MULTI_LABEL,
                Reference::zlpr));

        all.add(matrixCase("sigmoid-ce on multi-label", seed++, Losses.sigmoidCe(), TargetKind.MULTI_LABEL,
                Reference::sigmoidCe));
        all.add(matrixCase("sigmoid-ce on soft targets", seed++, Losses.sigmoidCe(), TargetKind.SOFT,
                Reference::sigmoidCe));
        all.add(classCase("sigmoid-ce on classes (one-hot)", seed++, Losses.sigmoidCe(),
                y -> Reference.sigmoidCe(oneHot(y))));

        for (double weight : new double[] {0, 0.5, 2}) {
            all.add(classCase("emo weight=" + weight + " without embeddings", seed++, Losses.emo(weight),
                    y -> Reference.emo(y, weight, Reference.uniformCost(K))));
        }
        double[][] embeddings = new Batch(seed++).gaussian(K, 3);
        for (double weight : new double[] {0.5, 2}) {
            all.add(classCase("emo weight=" + weight + " with embeddings", seed++, Losses.emo(weight, embeddings),
                    y -> Reference.emo(y, weight, Reference.cosineCost(embeddings))));
        }

        // With |s| ≤ 3 and K = 5, every example's ce lies in [log(1 + 4e^-6), 3 + log(e^-3 + 4e^3)]
        // ≈ [0.0099, 7.39], so b = 0.005 is below the mean inner loss and b = 8 above it, for
        // any random batch.
        for (double b : new double[] {0.005, 8}) {
            String where = b < 1 ? "below" : "above";
            all.add(classCase("flooding b=" + b + " (" + where + ") around ce", seed++, Losses.flooding(Losses.ce(), b),
                    y -> Reference.flooding(Reference.crossEntropy(y), b)));
        }
        double[] inverse = Reference.classWeights("inverse", Double.NaN, COUNTS);
        // The smallest inverse weight for COUNTS is (566 / 5) / 400 ≈ 0.28, so the weighted mean is
        // at least 0.28 · 0.0099 ≈ 0.0028 > b: this case checks that counts reach the inner loss.
        double lowLevel = 0.001;
        all.add(classCase("flooding b=0.001 (below) around weighted-ce inverse, counts passed through", seed++,
                Losses.flooding(Losses.weightedCe(ClassWeights.inverseFrequency()), lowLevel).withClassCounts(COUNTS),
                y -> Reference.flooding(Reference.weightedCe(y, inverse), lowLevel)));
        all.add(classCase("flooding b=50 (above) around focal gamma=2", seed++,
                Losses.flooding(Losses.focal(2), 50), y -> Reference.flooding(Reference.focal(y, 2, null), 50)));

        Batch other = new Batch(seed++);
        double[][] secondPass = other.uniform(-3, 3);
        all.add(gpKlCase("gp-kl", seed++, secondPass));

        return all.stream();
    }

    /** The cases whose reference gradient is written out, to check it against finite differences. */
    static Stream<Arguments> analyticCases() {
        return cases().filter(a -> caseOf(a).oracle().gradient() != null);
    }

    @SuppressWarnings("unchecked")
    private static Case caseOf(Arguments arguments) {
        return ((Named<Case>) arguments.get()[0]).getPayload();
    }

    private enum TargetKind { MULTI_LABEL, SOFT }

    /** Random logits in [-3, 3] and random class labels. */
    private static Arguments classCase(String name, long seed, Loss loss, Function<int[], Oracle> oracle) {
        Batch batch = new Batch(seed);
        double[][] logits = batch.uniform(-3, 3);
        int[] labels = batch.labels();
        return named(name, new Case(loss, logits, Targets.classes(labels, K), oracle.apply(labels)));
    }

    /** Random cosines in [-1, 1], as a cosine classifier head would give them, and class labels. */
    private static Arguments cosineCase(String name, long seed, Loss loss, Function<int[], Oracle> oracle) {
        Batch batch = new Batch(seed);
        double[][] cosines = batch.uniform(-1, 1);
        int[] labels = batch.labels();
        return named(name, new Case(loss, cosines, Targets.classes(labels, K), oracle.apply(labels)));
    }

    /** Random logits in [-3, 3] and a random 0/1 or probability matrix of targets. */
    private static Arguments matrixCase(String name, long seed, Loss loss, TargetKind kind,
            Function<double[][], Oracle> oracle) {
        Batch batch = new Batch(seed);
        double[][] logits = batch.uniform(-3, 3);
        double[][] t = kind == TargetKind.MULTI_LABEL ? batch.zeroOne(0.4) : batch.uniform(0, 1);
        INDArray matrix = Nd4j.createFromArray(copy(t));
        Targets targets = kind == TargetKind.MULTI_LABEL ? Targets.multiLabel(matrix) : Targets.soft(matrix);
        return named(name, new Case(loss, logits, targets, oracle.apply(t)));
    }

    /** Random logits against a second random score matrix. */
    private static Arguments gpKlCase(String name, long seed, double[][] otherLogits) {
        double[][] logits = new Batch(seed).uniform(-3, 3);
        Targets targets = Targets.scores(Nd4j.createFromArray(copy(otherLogits)));
        return named(name, new Case(Losses.gpKl(), logits, targets, Reference.gpKl(otherLogits)));
    }

    private static Arguments named(String name, Case c) {
        return Arguments.of(Named.of(name, c));
    }

    // ---------------------------------------------------------------------------------------
    // The tests on the random cases.
    // ---------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void libraryAgreesWithReference(Case c) {
        double[][] logitsBefore = copy(c.logits());
        INDArray logits = Nd4j.createFromArray(copy(c.logits()));
        double expectedMean = c.oracle().value().of(c.logits());
        double[][] expectedGradient = c.oracle().referenceGradient(c.logits());

        String spec = c.loss().spec() + " ";
        LossResult mean = c.loss().compute(logits, c.targets(), Reduction.MEAN);
        assertEquals(DataType.DOUBLE, mean.gradient().dataType(), spec + "gradient data type");
        assertClose(expectedMean, mean.value(), spec + "MEAN value");
        assertClose(expectedGradient, mean.gradient().toDoubleMatrix(), spec + "MEAN gradient");

        // SUM is N × MEAN for every loss, batch-level ones (dice, flooding) included.
        LossResult sum = c.loss().compute(logits, c.targets(), Reduction.SUM);
        assertClose(N * expectedMean, sum.value(), spec + "SUM value");
        assertClose(scaled(expectedGradient, N), sum.gradient().toDoubleMatrix(), spec + "SUM gradient");

        // A loss must not write into the caller's logits.
        assertArrayEquals(logitsBefore, logits.toDoubleMatrix(), spec + "logits after compute");
    }

    /** Guards the oracle itself: a hand-derived gradient must match differences of its own value. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("analyticCases")
    void referenceGradientAgreesWithFiniteDifferences(Case c) {
        assertClose(finiteDifference(c.oracle().value(), c.logits()), c.oracle().gradient().of(c.logits()),
                "reference gradient");
    }

    // ---------------------------------------------------------------------------------------
    // Hand-computed cases: expected values as closed-form expressions.
    // ---------------------------------------------------------------------------------------

    /** A small batch whose value (and, where given, gradient) was worked out by hand. */
    record HandCase(Loss loss, double[][] logits, Targets targets, Reduction reduction, double expected,
            double[][] expectedGradient) {
    }

    private static final double LN2 = Math.log(2);
    private static final double LN3 = Math.log(3);

    static Stream<Arguments> handCases() {
        double[][] zeros2 = {{0, 0}};
        double[][] zeros3 = {{0, 0, 0}};
        Targets first = Targets.classes(new int[] {0}, 2);
        Targets second = Targets.classes(new int[] {1}, 2);
        double e = Math.E;
        double focalSlope = 0.125 + 0.25 * LN2; // γ=2, p=1/2: -dL/ds_y = p(1-p)[(1-p)^2/p - 2(1-p) log p]
        double sTrunc = 0.25 + 0.5 * LN2; // K=2, x=0: K/4 · log 2 + 1/4
        double sig2 = sigmoid(2);
        double am = sigmoid(10.5);
        return Stream.of(
                hand("ce [0,0] y=0 = log 2", Losses.ce(), zeros2, first, Reduction.MEAN,
                        LN2, new double[][] {{-0.5, 0.5}}),
                hand("ce [log 3, 0] y=0 = log(4/3)", Losses.ce(), new double[][] {{LN3, 0}}, first, Reduction.MEAN,
                        Math.log(4.0 / 3), new double[][] {{-0.25, 0.25}}),
                hand("ce SUM over two rows = log 2 + log(4/3)", Losses.ce(), new double[][] {{0, 0}, {LN3, 0}},
                        Targets.classes(new int[] {0, 0}, 2), Reduction.SUM,
                        LN2 + Math.log(4.0 / 3), new double[][] {{-0.5, 0.5}, {-0.25, 0.25}}),
                hand("weighted-ce weights [2,1] = 1.5 log 2", Losses.weightedCe(new double[] {2, 1}),
                        new double[][] {{0, 0}, {0, 0}}, Targets.classes(new int[] {0, 1}, 2), Reduction.MEAN,
                        1.5 * LN2, new double[][] {{-0.5, 0.5}, {0.25, -0.25}}),
                hand("weighted-ce weights [2,1] normalise=weights = (2 log 2 + log 2) / 3",
                        Losses.parse("weighted-ce(weights=[2, 1], normalise=weights)"),
                        new double[][] {{0, 0}, {0, 0}}, Targets.classes(new int[] {0, 1}, 2), Reduction.MEAN,
                        LN2, new double[][] {{-1.0 / 3, 1.0 / 3}, {1.0 / 6, -1.0 / 6}}),
                hand("weighted-ce weights [0,1] normalise=weights, only class 0 in the batch = 0",
                        Losses.parse("weighted-ce(weights=[0, 1], normalise=weights)"),
                        new double[][] {{0, 0}, {1, -1}}, Targets.classes(new int[] {0, 0}, 2), Reduction.MEAN,
                        0, new double[][] {{0, 0}, {0, 0}}),
                hand("focal gamma=2 at p=1/2 = 0.25 log 2", Losses.focal(2), zeros2, first, Reduction.MEAN,
                        0.25 * LN2, new double[][] {{-focalSlope, focalSlope}}),
                hand("focal gamma=0 = ce = log 2", Losses.focal(0), zeros2, first, Reduction.MEAN,
                        LN2, new double[][] {{-0.5, 0.5}}),
                hand("focal gamma=2 alpha=[0.25,0.75] y=1 = 0.75 · 0.25 log 2",
                        Losses.focal(2, new double[] {0.25, 0.75}), zeros2, second, Reduction.MEAN,
                        0.75 * 0.25 * LN2, new double[][] {{0.75 * focalSlope, -0.75 * focalSlope}}),
                hand("soft-truncation K=2 at x=0 = 2 · (1/2) log 2", Losses.softTruncation(2), zeros2, first,
                        Reduction.MEAN, LN2, new double[][] {{-sTrunc, sTrunc}}),
                hand("dice eps=0 softmax [0,0] y=0 = 1 - (2/3 + 0)/2", Losses.dice(0), zeros2, first, Reduction.MEAN,
                        2.0 / 3, null),
                hand("dice eps=1 softmax [0,0] y=0 = 1 - (4/5 + 2/3)/2", Losses.dice(1), zeros2, first,
                        Reduction.MEAN, 4.0 / 15, null),
                hand("dice eps=1 sigmoid [0,0] t=[1,0] = 4/15", Losses.dice(1), zeros2,
                        Targets.multiLabel(Nd4j.createFromArray(new double[][] {{1, 0}})), Reduction.MEAN,
                        4.0 / 15, null),
                // With ε = 0 a class without targets has ratio 0 / Σp = 0 for every Σp > 0, so 0 is its
                // term, with zero gradient, also where its probabilities underflow to 0 or to subnormals.
                hand("dice eps=0 softmax [0,0,-1000] y=0,1, class 2 untargeted with p = 0: 1 - (1/2 + 1/2 + 0)/3",
                        Losses.dice(0), new double[][] {{0, 0, -1000}, {0, 0, -1000}},
                        Targets.classes(new int[] {0, 1}, 3), Reduction.MEAN,
                        2.0 / 3, new double[][] {{-1.0 / 12, 1.0 / 12, 0}, {1.0 / 12, -1.0 / 12, 0}}),
                hand("dice eps=0 sigmoid [0,-740] t=[1,0], class 1 untargeted with subnormal p: 1 - (2/3 + 0)/2",
                        Losses.dice(0), new double[][] {{0, -740}},
                        Targets.multiLabel(Nd4j.createFromArray(new double[][] {{1, 0}})), Reduction.MEAN,
                        2.0 / 3, new double[][] {{-1.0 / 9, 0}}),
                hand("logit-adjusted tau=1 prior [1/2,1/2] = ce = log(1 + e^1.7)",
                        Losses.logitAdjusted(1, ClassPrior.of(0.5, 0.5)), new double[][] {{1.3, -0.4}}, second,
                        Reduction.MEAN, Math.log(1 + Math.exp(1.7)),
                        new double[][] {{sigmoid(1.7), -sigmoid(1.7)}}),
                hand("logit-adjusted tau=1 prior [0.2,0.8] [0,0] y=0 = log 5",
                        Losses.logitAdjusted(1, ClassPrior.of(0.2, 0.8)), zeros2, first, Reduction.MEAN,
                        Math.log(5), new double[][] {{-0.8, 0.8}}),
                hand("logit-adjusted tau=0 = ce", Losses.logitAdjusted(0, ClassPrior.of(0.2, 0.8)),
                        new double[][] {{LN3, 0}}, first, Reduction.MEAN,
                        Math.log(4.0 / 3), new double[][] {{-0.25, 0.25}}),
                hand("balanced-softmax counts [1,3] [0,0] y=1 = log(4/3)",
                        Losses.balancedSoftmax().withClassCounts(new long[] {1, 3}), zeros2, second, Reduction.MEAN,
                        Math.log(4.0 / 3), new double[][] {{0.25, -0.25}}),
                hand("ldam C=1 counts [16,1] [0,0] y=1 = log(1 + e)",
                        Losses.ldam(1, 1).withClassCounts(new long[] {16, 1}), zeros2, second, Reduction.MEAN,
                        Math.log(1 + e), new double[][] {{e / (1 + e), -e / (1 + e)}}),
                hand("ldam C=1 counts [256,16] raw Δ_1 = 1/2 [0,0] y=1 = log(1 + e^(1/2))",
                        Losses.ldam(1, 1).withClassCounts(new long[] {256, 16}), zeros2, second, Reduction.MEAN,
                        Math.log(1 + Math.exp(0.5)), new double[][] {{sigmoid(0.5), -sigmoid(0.5)}}),
                hand("ldam C=1 counts [256,16] rescaled Δ_1 = 1 [0,0] y=1 = log(1 + e)",
                        Losses.parse("ldam(c=1, margins=rescaled)").withClassCounts(new long[] {256, 16}), zeros2,
                        second, Reduction.MEAN, Math.log(1 + e), new double[][] {{e / (1 + e), -e / (1 + e)}}),
                hand("ldam C=1 counts [256,16] rescaled Δ_0 = 1/2 [0,0] y=0 = log(1 + e^(1/2))",
                        Losses.parse("ldam(c=1, margins=rescaled)").withClassCounts(new long[] {256, 16}), zeros2,
                        first, Reduction.MEAN, Math.log(1 + Math.exp(0.5)),
                        new double[][] {{-sigmoid(0.5), sigmoid(0.5)}}),
                hand("ldam C=1 scale=2 counts [16,1] [0,0] y=1 = log(1 + e^2)",
                        Losses.ldam(1, 2).withClassCounts(new long[] {16, 1}), zeros2, second, Reduction.MEAN,
                        Math.log(1 + e * e), new double[][] {{2 * sigmoid(2), -2 * sigmoid(2)}}),
                hand("am-softmax c=30 m=0.35 cos [1/2,1/2] y=0 = log(1 + e^10.5)", Losses.amSoftmax(30, 0.35),
                        new double[][] {{0.5, 0.5}}, first, Reduction.MEAN,
                        Math.log1p(Math.exp(10.5)), new double[][] {{-30 * am, 30 * am}}),
                hand("zlpr [0,0] t=[1,0] = 2 log 2", Losses.zlpr(), zeros2,
                        Targets.multiLabel(Nd4j.createFromArray(new double[][] {{1, 0}})), Reduction.MEAN,
                        2 * LN2, new double[][] {{-0.5, 0.5}}),
                hand("zlpr [0,0] no positive = log 3", Losses.zlpr(), zeros2,
                        Targets.multiLabel(Nd4j.createFromArray(new double[][] {{0, 0}})), Reduction.MEAN,
                        LN3, new double[][] {{1.0 / 3, 1.0 / 3}}),
                hand("zlpr-soft [0,0] t=[1/2,1/2] = 2 log 2", Losses.zlprSoft(), zeros2,
                        Targets.soft(Nd4j.createFromArray(new double[][] {{0.5, 0.5}})), Reduction.MEAN,
                        2 * LN2, new double[][] {{0, 0}}),
                hand("sigmoid-ce [0,0] t=[1,0] = 2 log 2", Losses.sigmoidCe(), zeros2,
                        Targets.multiLabel(Nd4j.createFromArray(new double[][] {{1, 0}})), Reduction.MEAN,
                        2 * LN2, new double[][] {{-0.5, 0.5}}),
                hand("sigmoid-ce [2,-1] t=[1/4,1] = log(1+e^2) - 1/2 + log(1+e)", Losses.sigmoidCe(),
                        new double[][] {{2, -1}}, Targets.soft(Nd4j.createFromArray(new double[][] {{0.25, 1}})),
                        Reduction.MEAN, Math.log1p(Math.exp(2)) - 0.5 + Math.log1p(e),
                        new double[][] {{sig2 - 0.25, sigmoid(-1) - 1}}),
                hand("emo weight=1 [0,0,0] y=0 = log 3 + 2/3", Losses.emo(1), zeros3,
                        Targets.classes(new int[] {0}, 3), Reduction.MEAN,
                        LN3 + 2.0 / 3, new double[][] {{-8.0 / 9, 4.0 / 9, 4.0 / 9}}),
                hand("emo weight=1/2 embeddings (1,0),(0,1),(-1,0) = log 3 + (0+1+2)/6",
                        Losses.emo(0.5, new double[][] {{1, 0}, {0, 1}, {-1, 0}}), zeros3,
                        Targets.classes(new int[] {0}, 3), Reduction.MEAN,
                        LN3 + 0.5, null),
                hand("flooding b=1 around ce log 2 = 2 - log 2", Losses.flooding(Losses.ce(), 1), zeros2, first,
                        Reduction.MEAN, 2 - LN2, new double[][] {{0.5, -0.5}}),
                hand("flooding b=1/2 around ce log 2 = log 2", Losses.flooding(Losses.ce(), 0.5), zeros2, first,
                        Reduction.MEAN, LN2, new double[][] {{-0.5, 0.5}}),
                hand("gp-kl s=[2,0] t=[0,0] = 2(σ(2) - 1/2)", Losses.gpKl(), new double[][] {{2, 0}},
                        Targets.scores(Nd4j.createFromArray(new double[][] {{0, 0}})), Reduction.MEAN,
                        2 * (sig2 - 0.5), new double[][] {{2 * sig2 * (1 - sig2) + sig2 - 0.5, 0}}));
    }

    private static Arguments hand(String name, Loss loss, double[][] logits, Targets targets, Reduction reduction,
            double expected, double[][] expectedGradient) {
        return Arguments.of(Named.of(name, new HandCase(loss, logits, targets, reduction, expected, expectedGradient)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("handCases")
    void libraryMatchesHandComputedValue(HandCase c) {
        LossResult result = c.loss().compute(Nd4j.createFromArray(copy(c.logits())), c.targets(), c.reduction());
        String spec = c.loss().spec() + " " + c.reduction() + " ";
        assertClose(c.expected(), result.value(), spec + "value");
        if (c.expectedGradient() != null) {
            assertClose(c.expectedGradient(), result.gradient().toDoubleMatrix(), spec + "gradient");
        }
    }

    /** The oracle must reproduce the hand-computed numbers too, or it is not a trustworthy oracle. */
    @Test
    void oracleReproducesHandComputedValues() {
        assertClose(LN2, Reference.crossEntropy(new int[] {0}).value().of(new double[][] {{0, 0}}), "ce");
        assertClose(0.25 * LN2, Reference.focal(new int[] {0}, 2, null).value().of(new double[][] {{0, 0}}),
                "focal");
        assertClose(2 * LN2, Reference.zlpr(new double[][] {{1, 0}}).value().of(new double[][] {{0, 0}}), "zlpr");
        assertClose(2 * LN2, Reference.sigmoidCe(new double[][] {{1, 0}}).value().of(new double[][] {{0, 0}}),
                "sigmoid-ce");
        assertClose(4.0 / 15, Reference.dice(new double[][] {{1, 0}}, true, 1).value().of(new double[][] {{0, 0}}),
                "dice");
        assertClose(LN2, Reference.softTruncation(new double[][] {{1, 0}}, 2).value().of(new double[][] {{0, 0}}),
                "soft-truncation");
        assertClose(Math.log1p(Math.exp(10.5)),
                Reference.amSoftmax(new int[] {0}, 30, 0.35).value().of(new double[][] {{0.5, 0.5}}), "am-softmax");
        assertClose(LN3 + 2.0 / 3,
                Reference.emo(new int[] {0}, 1, Reference.uniformCost(3)).value().of(new double[][] {{0, 0, 0}}),
                "emo");
    }

    // ---------------------------------------------------------------------------------------
    // ClassWeights: normalisation Σ n_k w_k = N and each scheme's formula.
    // ---------------------------------------------------------------------------------------

    static Stream<Arguments> weightSchemes() {
        return Stream.of(
                Arguments.of(Named.of("uniform", ClassWeights.uniform()), "uniform", Double.NaN),
                Arguments.of(Named.of("inverse", ClassWeights.inverseFrequency()), "inverse", Double.NaN),
                Arguments.of(Named.of("inverse-sqrt", ClassWeights.inverseSqrt()), "inverse-sqrt", Double.NaN),
                Arguments.of(Named.of("effective beta=0", ClassWeights.effectiveNumber(0)), "effective", 0.0),
                Arguments.of(Named.of("effective beta=0.5", ClassWeights.effectiveNumber(0.5)), "effective", 0.5),
                Arguments.of(Named.of("effective beta=0.9", ClassWeights.effectiveNumber(0.9)), "effective", 0.9),
                Arguments.of(Named.of("effective beta=0.99", ClassWeights.effectiveNumber(0.99)), "effective", 0.99),
                Arguments.of(Named.of("effective beta=0.999", ClassWeights.effectiveNumber(0.999)), "effective",
                        0.999));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("weightSchemes")
    void classWeightsAreNormalisedAndFollowTheirFormula(ClassWeights scheme, String name, double beta) {
        long[][] countSets = {COUNTS, {1, 2}, {1000, 10, 1}, {7, 7, 7}, {3, 250, 60, 1}};
        for (long[] counts : countSets) {
            double[] w = scheme.weights(counts);
            double total = 0;
            double weighted = 0;
            for (int k = 0; k < counts.length; k++) {
                total += counts[k];
                weighted += counts[k] * w[k];
            }
            assertClose(total, weighted, name + ": Σ n_k w_k for counts " + Arrays.toString(counts));
            double[] expected = Reference.classWeights(name, beta, counts);
            for (int k = 0; k < counts.length; k++) {
                assertClose(expected[k], w[k],
                        name + "(β=" + beta + "): w[" + k + "] for counts " + Arrays.toString(counts));
            }
        }
    }

    @Test
    void classWeightsHandComputed() {
        // effective, β = 0.9, counts [1, 2]: raw [1, 0.1/0.19 = 10/19]; Σ n raw = 39/19; scale 3·19/39.
        double[] effective = ClassWeights.effectiveNumber(0.9).weights(new long[] {1, 2});
        assertClose(19.0 / 13, effective[0], "effective w0");
        assertClose(10.0 / 13, effective[1], "effective w1");
        // inverse, counts [1, 3]: raw [1, 1/3], Σ n raw = 2, N = 4 → [2, 2/3].
        double[] inverse = ClassWeights.inverseFrequency().weights(new long[] {1, 3});
        assertClose(2, inverse[0], "inverse w0");
        assertClose(2.0 / 3, inverse[1], "inverse w1");
        // inverse-sqrt, counts [1, 4]: raw [1, 1/2], Σ n raw = 3, N = 5 → [5/3, 5/6].
        double[] inverseSqrt = ClassWeights.inverseSqrt().weights(new long[] {1, 4});
        assertClose(5.0 / 3, inverseSqrt[0], "inverse-sqrt w0");
        assertClose(5.0 / 6, inverseSqrt[1], "inverse-sqrt w1");
    }

    @Test
    void effectiveNumberRatioMatchesDirectEvaluation() {
        // The normalisation cancels in ratios: w_a / w_b = (1 - β^{n_b}) / (1 - β^{n_a}).
        long[] counts = {5, 50, 500};
        for (double beta : new double[] {0.5, 0.9, 0.99, 0.999}) {
            double[] w = ClassWeights.effectiveNumber(beta).weights(counts);
            for (int a = 0; a < counts.length; a++) {
                for (int b = 0; b < counts.length; b++) {
                    double direct = ((1 - beta) / (1 - Math.pow(beta, counts[a])))
                            / ((1 - beta) / (1 - Math.pow(beta, counts[b])));
                    assertClose(direct, w[a] / w[b], "β=" + beta + " w" + a + "/w" + b);
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------
    // The reference losses, from the design's formulas, in plain doubles.
    // ---------------------------------------------------------------------------------------

    /** Plain-Java versions of every loss; each returns the MEAN over the batch. */
    static final class Reference {

        private Reference() {
        }

        // --- scalar and vector helpers -------------------------------------------------------

        /** log Σ_i e^{v_i}, shifted by the maximum so no term overflows. */
        static double logSumExp(double[] v) {
            double max = Double.NEGATIVE_INFINITY;
            for (double x : v) {
                max = Math.max(max, x);
            }
            double sum = 0;
            for (double x : v) {
                sum += Math.exp(x - max);
            }
            return max + Math.log(sum);
        }

        static double[] softmax(double[] v) {
            double lse = logSumExp(v);
            double[] p = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                p[i] = Math.exp(v[i] - lse);
            }
            return p;
        }

        /**
         * log(1 + Σ_i w_i e^{a_i}) for weights w_i ≥ 0; zero weights drop out (log 0 is never
         * taken), and the 1 enters the log-sum-exp as e^0.
         */
        static double logOnePlusWeightedSumExp(double[] a, double[] w) {
            List<Double> terms = new ArrayList<>();
            terms.add(0.0);
            for (int i = 0; i < a.length; i++) {
                if (w[i] > 0) {
                    terms.add(a[i] + Math.log(w[i]));
                }
            }
            return logSumExp(terms.stream().mapToDouble(Double::doubleValue).toArray());
        }

        /** -log softmax(z)_y. */
        static double ce(double[] z, int y) {
            return logSumExp(z) - z[y];
        }

        /** ∂ce/∂z = softmax(z) - onehot(y). */
        static double[] ceGradient(double[] z, int y) {
            double[] g = softmax(z);
            g[y] -= 1;
            return g;
        }

        static double[] frequencies(long[] counts) {
            double total = 0;
            for (long n : counts) {
                total += n;
            }
            double[] p = new double[counts.length];
            for (int k = 0; k < counts.length; k++) {
                p[k] = counts[k] / total;
            }
            return p;
        }

        /** A scheme's raw weight per class, then scaled so that Σ n_k w_k = Σ n_k. */
        static double[] classWeights(String scheme, double beta, long[] counts) {
            double[] w = new double[counts.length];
            double total = 0;
            double weighted = 0;
            for (int k = 0; k < counts.length; k++) {
                double n = counts[k];
                w[k] = switch (scheme) {
                    case "uniform" -> 1;
                    case "inverse" -> 1 / n;
                    case "inverse-sqrt" -> 1 / Math.sqrt(n);
                    case "effective" -> (1 - beta) / (1 - Math.pow(beta, n));
                    default -> throw new IllegalArgumentException(scheme);
                };
                total += n;
                weighted += n * w[k];
            }
            for (int k = 0; k < w.length; k++) {
                w[k] *= total / weighted;
            }
            return w;
        }

        /** Δ_k = C / n_k^{1/4}. */
        static double[] ldamMargins(double c, long[] counts) {
            double[] delta = new double[counts.length];
            for (int k = 0; k < counts.length; k++) {
                delta[k] = c / Math.pow(counts[k], 0.25);
            }
            return delta;
        }

        /** The margins of the paper's code: 1 / n_k^{1/4}, then scaled so that the largest is C. */
        static double[] ldamRescaledMargins(double c, long[] counts) {
            double[] delta = ldamMargins(1, counts);
            double largest = Arrays.stream(delta).max().orElseThrow();
            for (int k = 0; k < delta.length; k++) {
                delta[k] *= c / largest;
            }
            return delta;
        }

        // --- per-example losses ---------------------------------------------------------------

        /** One example's loss value given its logit row and index. */
        @FunctionalInterface
        interface RowValue {
            double of(double[] s, int n);
        }

        /** One example's loss gradient with respect to its logit row. */
        @FunctionalInterface
        interface RowGradient {
            double[] of(double[] s, int n);
        }

        /** The mean over the batch of a per-example loss; its gradient is the row gradient / N. */
        static Oracle perExample(RowValue value, RowGradient gradient) {
            MeanValue mean = s -> {
                double total = 0;
                for (int n = 0; n < s.length; n++) {
                    total += value.of(s[n], n);
                }
                return total / s.length;
            };
            MeanGradient meanGradient = gradient == null ? null : s -> {
                double[][] g = new double[s.length][];
                for (int n = 0; n < s.length; n++) {
                    g[n] = gradient.of(s[n], n);
                    for (int k = 0; k < g[n].length; k++) {
                        g[n][k] /= s.length;
                    }
                }
                return g;
            };
            return new Oracle(mean, meanGradient);
        }

        /** ce: -s_y + logsumexp(s). */
        static Oracle crossEntropy(int[] y) {
            return perExample((s, n) -> ce(s, y[n]), (s, n) -> ceGradient(s, y[n]));
        }

        /** weighted-ce: w_y · ce; the mean divides by N. */
        static Oracle weightedCe(int[] y, double[] w) {
            return perExample((s, n) -> w[y[n]] * ce(s, y[n]), (s, n) -> {
                double[] g = ceGradient(s, y[n]);
                for (int k = 0; k < g.length; k++) {
                    g[k] *= w[y[n]];
                }
                return g;
            });
        }

        /** weighted-ce normalised by the weights, as PyTorch's weight=: Σ_n w_{y_n} ce_n / Σ_n w_{y_n}. */
        static Oracle weightedCeOverWeights(int[] y, double[] w) {
            double batchWeight = Arrays.stream(y).mapToDouble(label -> w[label]).sum();
            return new Oracle(s -> {
                double total = 0;
                for (int n = 0; n < s.length; n++) {
                    total += w[y[n]] * ce(s[n], y[n]);
                }
                return total / batchWeight;
            }, s -> {
                double[][] g = new double[s.length][];
                for (int n = 0; n < s.length; n++) {
                    g[n] = ceGradient(s[n], y[n]);
                    for (int k = 0; k < g[n].length; k++) {
                        g[n][k] *= w[y[n]] / batchWeight;
                    }
                }
                return g;
            });
        }

        /**
         * focal: -α_y (1-p_y)^γ log p_y. By the chain rule through p = p_y:
         * dL/dp = α_y [γ (1-p)^{γ-1} log p - (1-p)^γ / p] and dp/ds_j = p (δ_jy - p_j).
         */
        static Oracle focal(int[] y, double gamma, double[] alpha) {
            return perExample((s, n) -> {
                double a = alpha == null ? 1 : alpha[y[n]];
                double logP = -ce(s, y[n]);
                double p = Math.exp(logP);
                return -a * Math.pow(1 - p, gamma) * logP;
            }, (s, n) -> {
                double a = alpha == null ? 1 : alpha[y[n]];
                double[] probabilities = softmax(s);
                double p = probabilities[y[n]];
                double logP = -ce(s, y[n]);
                double dLdp = a * (gamma * Math.pow(1 - p, gamma - 1) * logP - Math.pow(1 - p, gamma) / p);
                double[] g = new double[s.length];
                for (int j = 0; j < s.length; j++) {
                    g[j] = dLdp * p * ((j == y[n] ? 1 : 0) - probabilities[j]);
                }
                return g;
            });
        }

        /** logit-adjusted: ce on s + τ log π. */
        static Oracle logitAdjusted(int[] y, double tau, double[] prior) {
            Function<double[], double[]> adjust = s -> {
                double[] z = new double[s.length];
                for (int k = 0; k < s.length; k++) {
                    z[k] = s[k] + tau * Math.log(prior[k]);
                }
                return z;
            };
            // The shift is constant in s, so the gradient is ce's gradient at the shifted logits.
            return perExample((s, n) -> ce(adjust.apply(s), y[n]), (s, n) -> ceGradient(adjust.apply(s), y[n]));
        }

        /** ldam: ce on scale · (s - Δ·onehot(y)); the gradient carries the scale. */
        static Oracle ldam(int[] y, double[] delta, double scale) {
            Function<double[], Function<Integer, double[]>> margined = s -> label -> {
                double[] z = new double[s.length];
                for (int k = 0; k < s.length; k++) {
                    z[k] = scale * (s[k] - (k == label ? delta[k] : 0));
                }
                return z;
            };
            return perExample((s, n) -> ce(margined.apply(s).apply(y[n]), y[n]), (s, n) -> {
                double[] g = ceGradient(margined.apply(s).apply(y[n]), y[n]);
                for (int k = 0; k < g.length; k++) {
                    g[k] *= scale;
                }
                return g;
            });
        }

        /**
         * am-softmax, literally: -log e^{c(cos_y - m)} / (e^{c(cos_y - m)} + Σ_{i≠y} e^{c cos_i}).
         * Each exponent is c times its cosine (less m for the true class), so ∂/∂cos_j is
         * c (softmax(exponents)_j - δ_jy).
         */
        static Oracle amSoftmax(int[] y, double c, double m) {
            Function<double[], Function<Integer, double[]>> exponents = cos -> label -> {
                double[] e = new double[cos.length];
                for (int i = 0; i < cos.length; i++) {
                    e[i] = i == label ? c * (cos[i] - m) : c * cos[i];
                }
                return e;
            };
            return perExample((cos, n) -> {
                double[] e = exponents.apply(cos).apply(y[n]);
                return -(e[y[n]] - logSumExp(e));
            }, (cos, n) -> {
                double[] g = softmax(exponents.apply(cos).apply(y[n]));
                g[y[n]] -= 1;
                for (int i = 0; i < g.length; i++) {
                    g[i] *= c;
                }
                return g;
            });
        }

        /** The cost C_{i,j} = 1 - δ_ij: every pair of classes equally far apart. */
        static double[][] uniformCost(int numClasses) {
            double[][] cost = new double[numClasses][numClasses];
            for (int i = 0; i < numClasses; i++) {
                for (int j = 0; j < numClasses; j++) {
                    cost[i][j] = i == j ? 0 : 1;
                }
            }
            return cost;
        }

        /** The cost C_{i,j} = 1 - cos(e_i, e_j) between class embeddings. */
        static double[][] cosineCost(double[][] e) {
            double[][] cost = new double[e.length][e.length];
            for (int i = 0; i < e.length; i++) {
                for (int j = 0; j < e.length; j++) {
                    cost[i][j] = 1 - dot(e[i], e[j]) / Math.sqrt(dot(e[i], e[i]) * dot(e[j], e[j]));
                }
            }
            return cost;
        }

        /**
         * emo: ce + weight · Σ_i p_i C_{i,y}. With ∂p_i/∂s_j = p_i (δ_ij - p_j), the cost's
         * gradient is p_j (C_{j,y} - Σ_i p_i C_{i,y}).
         */
        static Oracle emo(int[] y, double weight, double[][] cost) {
            return perExample((s, n) -> {
                double[] p = softmax(s);
                double expected = 0;
                for (int i = 0; i < s.length; i++) {
                    expected += p[i] * cost[i][y[n]];
                }
                return ce(s, y[n]) + weight * expected;
            }, (s, n) -> {
                double[] p = softmax(s);
                double expected = 0;
                for (int i = 0; i < s.length; i++) {
                    expected += p[i] * cost[i][y[n]];
                }
                double[] g = ceGradient(s, y[n]);
                for (int j = 0; j < s.length; j++) {
                    g[j] += weight * p[j] * (cost[j][y[n]] - expected);
                }
                return g;
            });
        }

        // --- per-class (sigmoid / multi-label) losses ------------------------------------------

        static double sigmoid(double x) {
            return ReferenceLossesTest.sigmoid(x);
        }

        /** log σ(x) = -log(1 + e^{-x}), written so neither branch overflows. */
        static double logSigmoid(double x) {
            return x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x));
        }

        /**
         * soft-truncation, per class and summed over the classes of an example:
         * -t σ(-Kx) log σ(x) - (1-t) σ(Kx) log σ(-x). By the product rule, with σ' = σ(x)σ(-x)
         * and (log σ)'(x) = σ(-x).
         */
        static Oracle softTruncation(double[][] t, double k) {
            return perExample((x, n) -> {
                double total = 0;
                for (int i = 0; i < x.length; i++) {
                    total += -t[n][i] * sigmoid(-k * x[i]) * logSigmoid(x[i])
                            - (1 - t[n][i]) * sigmoid(k * x[i]) * logSigmoid(-x[i]);
                }
                return total;
            }, (x, n) -> {
                double[] g = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    double gateSlope = k * sigmoid(k * x[i]) * sigmoid(-k * x[i]);
                    double positive = gateSlope * logSigmoid(x[i]) - sigmoid(-k * x[i]) * sigmoid(-x[i]);
                    double negative = -gateSlope * logSigmoid(-x[i]) + sigmoid(k * x[i]) * sigmoid(x[i]);
                    g[i] = t[n][i] * positive + (1 - t[n][i]) * negative;
                }
                return g;
            });
        }

        /**
         * dice over the batch: 1 - mean_k (2 Σ_n p t + ε) / (Σ_n p + Σ_n t + ε), p by softmax or
         * sigmoid. A batch property, so its MEAN is the value itself; gradient by differences.
         */
        static Oracle dice(double[][] t, boolean softmax, double epsilon) {
            return Oracle.numeric(s -> {
                int numClasses = s[0].length;
                double[][] p = new double[s.length][];
                for (int n = 0; n < s.length; n++) {
                    p[n] = softmax ? softmax(s[n]) : sigmoids(s[n]);
                }
                double ratios = 0;
                for (int k = 0; k < numClasses; k++) {
                    double overlap = 0;
                    double predicted = 0;
                    double actual = 0;
                    for (int n = 0; n < s.length; n++) {
                        overlap += p[n][k] * t[n][k];
                        predicted += p[n][k];
                        actual += t[n][k];
                    }
                    ratios += (2 * overlap + epsilon) / (predicted + actual + epsilon);
                }
                return 1 - ratios / numClasses;
            });
        }

        private static double[] sigmoids(double[] s) {
            double[] p = new double[s.length];
            for (int k = 0; k < s.length; k++) {
                p[k] = sigmoid(s[k]);
            }
            return p;
        }

        /**
         * zlpr / zlpr-soft: log(1 + Σ_i (1-t_i) e^{s_i}) + log(1 + Σ_i t_i e^{-s_i}); for 0/1
         * targets the sums run over the negatives and the positives. Each term's derivative is
         * its weighted exponential over (1 + its sum), i.e. w e^{±s} / e^{term}.
         */
        static Oracle zlpr(double[][] t) {
            return perExample((s, n) -> {
                double[] negativeWeights = complement(t[n]);
                return logOnePlusWeightedSumExp(s, negativeWeights) + logOnePlusWeightedSumExp(negated(s), t[n]);
            }, (s, n) -> {
                double[] negativeWeights = complement(t[n]);
                double negatives = logOnePlusWeightedSumExp(s, negativeWeights);
                double positives = logOnePlusWeightedSumExp(negated(s), t[n]);
                double[] g = new double[s.length];
                for (int i = 0; i < s.length; i++) {
                    g[i] = negativeWeights[i] * Math.exp(s[i] - negatives) - t[n][i] * Math.exp(-s[i] - positives);
                }
                return g;
            });
        }

        private static double[] complement(double[] t) {
            double[] c = new double[t.length];
            for (int i = 0; i < t.length; i++) {
                c[i] = 1 - t[i];
            }
            return c;
        }

        private static double[] negated(double[] s) {
            double[] c = new double[s.length];
            for (int i = 0; i < s.length; i++) {
                c[i] = -s[i];
            }
            return c;
        }

        /**
         * sigmoid-ce, per class and summed over the classes of an example:
         * -t log σ(s) - (1-t) log σ(-s), with gradient σ(s) - t.
         */
        static Oracle sigmoidCe(double[][] t) {
            return perExample((s, n) -> {
                double total = 0;
                for (int i = 0; i < s.length; i++) {
                    total += -t[n][i] * logSigmoid(s[i]) - (1 - t[n][i]) * logSigmoid(-s[i]);
                }
                return total;
            }, (s, n) -> {
                double[] g = new double[s.length];
                for (int i = 0; i < s.length; i++) {
                    g[i] = sigmoid(s[i]) - t[n][i];
                }
                return g;
            });
        }

        /** gp-kl: Σ_i (σ(s_i) - σ(t_i))(s_i - t_i); ∂/∂s_i = σ'(s_i)(s_i - t_i) + σ(s_i) - σ(t_i). */
        static Oracle gpKl(double[][] other) {
            return perExample((s, n) -> {
                double total = 0;
                for (int i = 0; i < s.length; i++) {
                    total += (sigmoid(s[i]) - sigmoid(other[n][i])) * (s[i] - other[n][i]);
                }
                return total;
            }, (s, n) -> {
                double[] g = new double[s.length];
                for (int i = 0; i < s.length; i++) {
                    double sig = sigmoid(s[i]);
                    g[i] = sig * (1 - sig) * (s[i] - other[n][i]) + sig - sigmoid(other[n][i]);
                }
                return g;
            });
        }

        // --- wrappers ----------------------------------------------------------------------------

        /** flooding: |L - b| + b on the mean inner loss L; its gradient is sign(L - b) ∇L. */
        static Oracle flooding(Oracle inner, double b) {
            return new Oracle(s -> Math.abs(inner.value().of(s) - b) + b,
                    s -> scaled(inner.referenceGradient(s), Math.signum(inner.value().of(s) - b)));
        }

        private static double dot(double[] a, double[] b) {
            double sum = 0;
            for (int i = 0; i < a.length; i++) {
                sum += a[i] * b[i];
            }
            return sum;
        }
    }

    // ---------------------------------------------------------------------------------------
    // Small shared helpers.
    // ---------------------------------------------------------------------------------------

    /** σ(x), evaluated on the side where the exponential cannot overflow. */
    static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    private static double[][] oneHot(int[] labels) {
        double[][] t = new double[labels.length][K];
        for (int n = 0; n < labels.length; n++) {
            t[n][labels[n]] = 1;
        }
        return t;
    }

    private static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int n = 0; n < m.length; n++) {
            c[n] = m[n].clone();
        }
        return c;
    }

    private static double[][] scaled(double[][] m, double factor) {
        double[][] c = copy(m);
        for (double[] row : c) {
            for (int k = 0; k < row.length; k++) {
                row[k] *= factor;
            }
        }
        return c;
    }

    /** Seeded random batches, N×K unless asked otherwise. */
    private static final class Batch {
        private final Random random;

        Batch(long seed) {
            random = new Random(seed);
        }

        double[][] uniform(double low, double high) {
            double[][] m = new double[N][K];
            for (double[] row : m) {
                for (int k = 0; k < K; k++) {
                    row[k] = low + (high - low) * random.nextDouble();
                }
            }
            return m;
        }

        int[] labels() {
            int[] y = new int[N];
            for (int n = 0; n < N; n++) {
                y[n] = random.nextInt(K);
            }
            return y;
        }

        double[][] zeroOne(double probabilityOfOne) {
            double[][] m = new double[N][K];
            for (double[] row : m) {
                for (int k = 0; k < K; k++) {
                    row[k] = random.nextDouble() < probabilityOfOne ? 1 : 0;
                }
            }
            return m;
        }

        double[][] gaussian(int rows, int columns) {
            double[][] m = new double[rows][columns];
            for (double[] row : m) {
                for (int j = 0; j < columns; j++) {
                    row[j] = random.nextGaussian();
                }
            }
            return m;
        }
    }
}
