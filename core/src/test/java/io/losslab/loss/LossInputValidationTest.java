package io.losslab.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Bad input is refused with a message that names the argument and the bad value, before any work. */
class LossInputValidationTest {

    private final INDArray logits = LossCases.gaussian(new Random(2), 3, 4, 1, DataType.DOUBLE);
    private final Targets targets = Targets.classes(new int[] {0, 1, 3}, 4);

    @Test
    void shapeMismatchBetweenLogitsAndTargets() {
        Targets fiveClasses = Targets.classes(new int[] {0, 1, 4}, 5);
        assertRefused(() -> Losses.ce().compute(logits, fiveClasses, Reduction.MEAN), "logits have shape 3×4",
                "3 examples of 5 classes");
        Targets twoExamples = Targets.classes(new int[] {0, 1}, 4);
        assertRefused(() -> Losses.focal(2).compute(logits, twoExamples, Reduction.MEAN), "logits have shape 3×4",
                "2 examples");
    }

    @Test
    void labelOutsideTheClasses() {
        assertRefused(() -> Targets.classes(new int[] {0, 4, 1}, 4), "labels[1] = 4", "[0, 4)");
        assertRefused(() -> Targets.classes(new int[] {-1}, 4), "labels[0] = -1");
    }

    @Test
    void negativeParameters() {
        assertRefused(() -> Losses.focal(-1), "gamma", "-1.0");
        assertRefused(() -> Losses.softTruncation(-2), "k", "-2.0");
        assertRefused(() -> Losses.softTruncation(0), "k", "0.0");
        assertRefused(() -> Losses.parse("focal(gamma=-0.5)"), "gamma", "-0.5");
        assertRefused(() -> Losses.parse("soft-truncation(k=-3)"), "k", "-3.0");
        assertRefused(() -> Losses.focal(2, new double[] {1, -1, 1, 1}), "alpha[1]", "-1.0");
        assertRefused(() -> Losses.exact(0), "exact: sigma", "0.0");
        assertRefused(() -> Losses.parse("exact(sigma=-2)"), "exact: sigma", "-2.0");
        assertRefused(() -> Losses.exact(Double.POSITIVE_INFINITY), "exact: sigma", "Infinity");
    }

    @Test
    void badPriors() {
        assertRefused(() -> ClassPrior.of(0.5, 0.0, 0.5), "prior[1] = 0.0");
        assertRefused(() -> ClassPrior.of(0.6, -0.1, 0.5), "prior[1] = -0.1");
        assertRefused(() -> ClassPrior.of(0.5, 0.4), "sum to 1", "0.9");
        assertRefused(() -> ClassPrior.of(0.5, Double.NaN, 0.5), "prior[1] = NaN");
        assertRefused(() -> ClassPrior.fromCounts(10, 0, 3), "counts[1] = 0");
        assertRefused(() -> Losses.logitAdjusted(1).withClassCounts(new long[] {5, 0}), "counts[1] = 0");
        assertRefused(() -> Losses.parse("logit-adjusted(prior=[0.7, 0.7])"), "sum to 1", "1.4");
        assertTrue(Math.abs(ClassPrior.of(0.5, 0.5 + 5e-7).probabilities()[1] - 0.5) < 1e-6,
                "a sum within 1e-6 of 1 is accepted");
    }

    @Test
    void priorWithTheWrongNumberOfClasses() {
        Loss loss = Losses.logitAdjusted(1, ClassPrior.of(0.5, 0.5));
        assertRefused(() -> loss.compute(logits, targets, Reduction.MEAN), "prior has 2 entries", "4 classes");
    }

    @Test
    void nanOrInfinityInLogits() {
        INDArray bad = logits.dup();
        bad.putScalar(1, 2, Double.NaN);
        assertRefused(() -> Losses.ce().compute(bad, targets, Reduction.MEAN), "logits must be finite", "1 entries are NaN");
        bad.putScalar(1, 2, Double.POSITIVE_INFINITY);
        assertRefused(() -> Losses.zlpr().compute(bad, targets, Reduction.MEAN), "logits must be finite",
                "1 are infinite");
        assertRefused(() -> Losses.sigmoidCe().compute(bad, targets, Reduction.MEAN), "logits must be finite",
                "1 are infinite");
    }

    @Test
    void softTargetsOutsideTheUnitInterval() {
        assertRefused(() -> Targets.soft(Nd4j.createFromArray(new double[][] {{0.2, 1.5}})),
                "soft targets[0, 1] = 1.5", "[0, 1]");
        assertRefused(() -> Targets.soft(Nd4j.createFromArray(new double[][] {{-0.1, 0.5}})),
                "soft targets[0, 0] = -0.1");
        assertRefused(() -> Targets.multiLabel(Nd4j.createFromArray(new double[][] {{0, 0.5}})),
                "targets[0, 1] = 0.5", "neither 0 nor 1");
    }

    @Test
    void targetsOfTheWrongKind() {
        Targets multi = Targets.multiLabel(Nd4j.createFromArray(new double[][] {{1, 0, 1, 0}, {0, 0, 1, 1}, {1, 1, 1, 1}}));
        assertRefused(() -> Losses.ce().compute(logits, multi, Reduction.MEAN), "MULTI_LABEL", "ce");
        assertRefused(() -> Losses.gpKl().compute(logits, targets, Reduction.MEAN), "CLASSES", "gp-kl");
        Targets scores = Targets.scores(LossCases.gaussian(new Random(3), 3, 4, 1, DataType.DOUBLE));
        assertRefused(() -> Losses.sigmoidCe().compute(logits, scores, Reduction.MEAN), "SCORES", "sigmoid-ce");
    }

    @Test
    void integerLogits() {
        INDArray ints = Nd4j.createFromArray(new int[][] {{1, 2, 3, 4}, {1, 2, 3, 4}, {1, 2, 3, 4}});
        assertRefused(() -> Losses.ce().compute(ints, targets, Reduction.MEAN), "FLOAT or DOUBLE", "INT");
    }

    @Test
    void unboundLossesSayWhatTheyNeed() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Losses.parse("logit-adjusted(tau=1)").compute(logits, targets, Reduction.MEAN));
        assertTrue(e.getMessage().contains("withClassCounts"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> Losses.ldam(1, 1).compute(logits, targets, Reduction.MEAN));
        assertThrows(IllegalStateException.class,
                () -> Losses.weightedCe(ClassWeights.inverseFrequency()).compute(logits, targets, Reduction.MEAN));
    }

    @Test
    void needsClassCountsTellsBeforehandWhichLossesRefuseToComputeUnbound() {
        Random random = new Random(4);
        INDArray batch = LossCases.gaussian(random, 3, LossCases.NUM_CLASSES, 1, DataType.DOUBLE);
        for (LossCases.Case c : LossCases.all()) {
            Loss unbound = Losses.parse(c.loss().spec());
            Targets caseTargets = c.targets().apply(random, 3);
            boolean refused;
            try {
                unbound.compute(batch, caseTargets, Reduction.MEAN);
                refused = false;
            } catch (IllegalStateException e) {
                refused = true;
            }
            assertEquals(refused, unbound.needsClassCounts(), c.name() + " unbound");
            assertFalse(unbound.withClassCounts(LossCases.COUNTS).needsClassCounts(), c.name() + " bound");
        }
    }

    @Test
    void refusedTargetsLeaveNothingBehind() {
        int[] labels = {0, 1, 9};
        assertRefused(() -> Targets.classes(labels, 4), "labels[2] = 9");
        assertEquals(9, labels[2], "the caller's array is untouched");
    }

    private static void assertRefused(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' lacks '" + fragment + "'");
        }
    }
}
