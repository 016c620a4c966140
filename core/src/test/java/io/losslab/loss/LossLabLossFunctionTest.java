package io.losslab.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.serde.json.JsonMappers;

/**
 * Every LossLab loss as a DL4J loss function: the value and gradient are LossLab's own, under
 * DL4J's conventions for averaging and masks; bad input is refused in one sentence; the function
 * survives DL4J's JSON configuration.
 */
class LossLabLossFunctionTest {

    private static final int N = 8;
    private static final double TOLERANCE = 1e-12;
    private static final IActivation IDENTITY = new ActivationIdentity();

    /** A loss case with a batch of logits and the labels DL4J would hold for its targets. */
    private record Batch(LossCases.Case lossCase, LossLabLossFunction function, INDArray logits, Targets targets,
            INDArray labels) {
    }

    /** Every case of the catalogue that a spec can name (class embeddings are given from Java only). */
    private static List<Batch> batches(long seed) {
        Random random = new Random(seed);
        return LossCases.all().stream().filter(c -> !c.name().equals("emo with embeddings")).map(c -> {
            Targets targets = c.targets().apply(random, N);
            INDArray logits = LossCases.gaussian(random, N, LossCases.NUM_CLASSES, 2, DataType.DOUBLE);
            LossLabLossFunction function = new LossLabLossFunction(c.loss().spec(), LossCases.COUNTS);
            return new Batch(c, function, logits, targets, targets.matrix(DataType.DOUBLE));
        }).toList();
    }

    @Test
    void valueAndGradientAreLossLabsOwnOverTheWholeCatalogue() {
        for (Batch b : batches(1)) {
            Loss loss = b.lossCase().loss();
            LossResult sum = loss.compute(b.logits(), b.targets(), Reduction.SUM);
            double mean = loss.compute(b.logits(), b.targets(), Reduction.MEAN).value();
            String name = b.lossCase().name();

            assertClose(mean, b.function().computeScore(b.labels(), b.logits(), IDENTITY, null, true), name + " average");
            assertClose(sum.value(), b.function().computeScore(b.labels(), b.logits(), IDENTITY, null, false), name + " sum");
            assertMatrixClose(sum.gradient(), b.function().computeGradient(b.labels(), b.logits(), IDENTITY, null),
                    name + " gradient, of the sum as DL4J's own losses give it");
            Pair<Double, INDArray> both = b.function().computeGradientAndScore(b.labels(), b.logits(), IDENTITY, null, true);
            assertClose(mean, both.getFirst(), name + " score with the gradient");
            assertMatrixClose(sum.gradient(), both.getSecond(), name + " gradient with the score");
        }
    }

    @Test
    void perExampleScoresAreEachExamplesLossAndAddUpForLossesThatSumOverExamples() {
        for (Batch b : batches(2)) {
            String name = b.lossCase().name();
            INDArray scores = b.function().computeScoreArray(b.labels(), b.logits(), IDENTITY, null);
            assertArrayEquals(new long[] {N, 1}, scores.shape(), name);
            for (int n = 0; n < N; n++) {
                INDArray row = b.logits().getRow(n, true);
                Targets rowTargets = rowOf(b, n);
                assertClose(b.lossCase().loss().compute(row, rowTargets, Reduction.SUM).value(), scores.getDouble(n, 0),
                        name + " example " + n);
            }
            if (isSumOverExamples(b.function().spec())) {
                assertClose(b.function().computeScore(b.labels(), b.logits(), IDENTITY, null, false),
                        scores.sumNumber().doubleValue(), name + " scores add up to the sum");
            }
        }
    }

    @Test
    void aPerExampleMaskDropsExamplesAndTheAverageDividesByTheWholeBatchAsDl4jDoes() {
        double[] keep = {1, 0, 1, 1, 0, 1, 1, 0};
        int[] kept = {0, 2, 3, 5, 6};
        INDArray mask = Nd4j.createFromArray(keep).reshape(N, 1);
        for (Batch b : batches(3)) {
            String name = b.lossCase().name();
            INDArray keptLogits = b.logits().getRows(kept);
            Targets keptTargets = targetsOf(b, b.labels().getRows(kept));
            LossResult own = b.lossCase().loss().compute(keptLogits, keptTargets, Reduction.SUM);

            assertClose(own.value(), b.function().computeScore(b.labels(), b.logits(), IDENTITY, mask, false), name);
            assertClose(own.value() / N, b.function().computeScore(b.labels(), b.logits(), IDENTITY, mask, true),
                    name + " average over all N rows, as LossMCXENT divides by the batch's rows");
            INDArray gradient = b.function().computeGradient(b.labels(), b.logits(), IDENTITY, mask);
            for (int i = 0; i < kept.length; i++) {
                assertMatrixClose(own.gradient().getRow(i, true), gradient.getRow(kept[i], true), name + " kept row");
            }
            INDArray scores = b.function().computeScoreArray(b.labels(), b.logits(), IDENTITY, mask);
            for (int n = 0; n < N; n++) {
                if (keep[n] == 0) {
                    assertEquals(0, gradient.getRow(n).norm1Number().doubleValue(), name + " masked gradient row " + n);
                    assertEquals(0, scores.getDouble(n, 0), name + " masked score " + n);
                }
            }
        }
    }

    @Test
    void aPerOutputMaskOfWholeRowsActsAsAPerExampleMask() {
        Batch b = batches(4).get(0);
        INDArray perExample = Nd4j.createFromArray(new double[] {1, 1, 0, 1, 1, 1, 0, 1}).reshape(N, 1);
        INDArray perOutput = perExample.repeat(1, LossCases.NUM_CLASSES);
        assertArrayEquals(new long[] {N, LossCases.NUM_CLASSES}, perOutput.shape());
        assertClose(b.function().computeScore(b.labels(), b.logits(), IDENTITY, perExample, true),
                b.function().computeScore(b.labels(), b.logits(), IDENTITY, perOutput, true), "score");
        assertMatrixClose(b.function().computeGradient(b.labels(), b.logits(), IDENTITY, perExample),
                b.function().computeGradient(b.labels(), b.logits(), IDENTITY, perOutput), "gradient");
    }

    @Test
    void aBatchWithEveryExampleMaskedHasScoreAndGradientZero() {
        Batch b = batches(5).get(0);
        INDArray none = Nd4j.zeros(DataType.DOUBLE, N, 1);
        Pair<Double, INDArray> both = b.function().computeGradientAndScore(b.labels(), b.logits(), IDENTITY, none, true);
        assertEquals(0, both.getFirst());
        assertEquals(0, both.getSecond().norm1Number().doubleValue());
        assertArrayEquals(b.logits().shape(), both.getSecond().shape());
    }

    @Test
    void float32OutputsGetAFloat32GradientAsLossLabComputesIt() {
        INDArray logits = LossCases.gaussian(new Random(11), 4, 3, 1, DataType.FLOAT);
        Targets classes = Targets.classes(new int[] {2, 0, 1, 1}, 3);
        INDArray mask = Nd4j.createFromArray(new float[] {1, 0, 1, 1}).reshape(4, 1);
        LossResult own = Losses.focal(2).compute(logits.getRows(0, 2, 3), Targets.classes(new int[] {2, 1, 1}, 3),
                Reduction.SUM);
        INDArray gradient = new LossLabLossFunction("focal(gamma=2)").computeGradient(classes.matrix(DataType.FLOAT),
                logits, IDENTITY, mask);
        assertEquals(DataType.FLOAT, gradient.dataType());
        assertEquals(own.gradient().getRow(2), gradient.getRow(3));
        assertEquals(0, gradient.getRow(1).norm1Number().doubleValue());
    }

    @Test
    void aMultiLabelLossTakesOneHotLabels() {
        INDArray logits = LossCases.gaussian(new Random(6), 3, 4, 1, DataType.DOUBLE);
        Targets classes = Targets.classes(new int[] {2, 0, 3}, 4);
        for (String spec : List.of("zlpr", "sigmoid-ce")) {
            double own = Losses.parse(spec).compute(logits, classes, Reduction.SUM).value();
            double adapted = new LossLabLossFunction(spec).computeScore(classes.matrix(DataType.DOUBLE), logits, IDENTITY,
                    null, false);
            assertClose(own, adapted, spec);
        }
    }

    @Test
    void aSingleLabelLossRefusesLabelsThatAreNotOneHot() {
        INDArray logits = LossCases.gaussian(new Random(7), 2, 3, 1, DataType.DOUBLE);
        INDArray labels = Nd4j.createFromArray(new double[][] {{0, 1, 0}, {1, 0, 1}});
        assertRefused(() -> new LossLabLossFunction("focal(gamma=2)").computeScore(labels, logits, IDENTITY, null, true),
                "labels row 1", "[1.0, 0.0, 1.0]", "not one-hot", "focal(gamma=2)");
    }

    @Test
    void aLayerActivationOtherThanIdentityIsRefused() {
        INDArray logits = LossCases.gaussian(new Random(8), 2, 3, 1, DataType.DOUBLE);
        INDArray labels = Targets.classes(new int[] {0, 2}, 3).matrix(DataType.DOUBLE);
        assertRefused(() -> new LossLabLossFunction("ce").computeGradient(labels, logits, new ActivationSoftmax(), null),
                "softmax", "Activation.IDENTITY", "ce");
    }

    @Test
    void aSpecThatNeedsClassCountsIsRefusedWithoutThem() {
        assertRefused(() -> new LossLabLossFunction("logit-adjusted(tau=1)"), "logit-adjusted(tau=1)", "class counts");
        assertRefused(() -> new LossLabLossFunction("flooding(b=0.1, loss=ldam)"), "ldam", "class counts");
    }

    @Test
    void aMaskThatDropsSomeOutputsOfAnExampleIsRefused() {
        Batch b = batches(9).get(0);
        INDArray mask = Nd4j.ones(DataType.DOUBLE, N, LossCases.NUM_CLASSES);
        mask.putScalar(3, 1, 0);
        assertRefused(() -> b.function().computeScore(b.labels(), b.logits(), IDENTITY, mask, true), "mask row 3");
    }

    @Test
    void dl4jsJsonConfigurationRoundTripsTheSpecAndTheClassCounts() throws Exception {
        LossLabLossFunction adjusted = new LossLabLossFunction("logit-adjusted(tau=1)", LossCases.COUNTS);
        String json = JsonMappers.getMapper().writerFor(ILossFunction.class).writeValueAsString(adjusted);
        assertTrue(json.contains(LossLabLossFunction.class.getName()), json);
        ILossFunction restored = JsonMappers.getMapper().readValue(json, ILossFunction.class);

        assertEquals(adjusted, restored);
        assertEquals(adjusted.hashCode(), restored.hashCode());
        assertArrayEquals(LossCases.COUNTS, ((LossLabLossFunction) restored).classCounts());
        INDArray logits = LossCases.gaussian(new Random(10), 5, 4, 1, DataType.DOUBLE);
        INDArray labels = Targets.classes(new int[] {0, 1, 2, 3, 3}, 4).matrix(DataType.DOUBLE);
        assertEquals(adjusted.computeScore(labels, logits, IDENTITY, null, true),
                restored.computeScore(labels, logits, IDENTITY, null, true));
    }

    @Test
    void javaSerialisationRebuildsTheLoss() throws Exception {
        LossLabLossFunction focal = new LossLabLossFunction("focal(gamma=2)");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(focal);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            LossLabLossFunction restored = (LossLabLossFunction) in.readObject();
            assertEquals(focal, restored);
            assertEquals("focal(gamma=2)", restored.loss().spec());
        }
    }

    @Test
    void functionsWithOtherCountsDiffer() {
        LossLabLossFunction a = new LossLabLossFunction("ldam", new long[] {10, 1});
        LossLabLossFunction b = new LossLabLossFunction("ldam", new long[] {10, 2});
        assertNotEquals(a, b);
        assertEquals("ldam", a.name());
        assertTrue(a.toString().contains("[10, 1]"), a.toString());
    }

    /** Losses whose value is a sum of one term per example: not dice, flooding, or a weight-normalised mean. */
    private static boolean isSumOverExamples(String spec) {
        return !spec.startsWith("dice") && !spec.startsWith("flooding") && !spec.contains("normalise=weights");
    }

    private static Targets rowOf(Batch b, int n) {
        return targetsOf(b, b.labels().getRow(n, true));
    }

    /** The batch's kind of targets for the given label rows. */
    private static Targets targetsOf(Batch b, INDArray labelRows) {
        return switch (b.targets().kind()) {
            case CLASSES -> Targets.classes(labelRows.argMax(1), LossCases.NUM_CLASSES);
            case MULTI_LABEL -> Targets.multiLabel(labelRows);
            case SOFT -> Targets.soft(labelRows);
            case SCORES -> Targets.scores(labelRows);
        };
    }

    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, TOLERANCE * Math.max(1, Math.abs(expected)), what);
    }

    private static void assertMatrixClose(INDArray expected, INDArray actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        double[] e = expected.dup('c').data().asDouble();
        double[] a = actual.dup('c').data().asDouble();
        for (int i = 0; i < e.length; i++) {
            assertClose(e[i], a[i], what + " entry " + i);
        }
    }

    private static void assertRefused(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' lacks '" + fragment + "'");
        }
    }
}
