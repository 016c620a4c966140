package io.losslab.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The identities that tie the losses together: special cases that must equal simpler losses. */
class LossIdentitiesTest {

    private static final double TOLERANCE = 1e-10;
    private static final int N = 8;

    private final Random random = new Random(11);
    private final INDArray logits = LossCases.gaussian(random, N, LossCases.NUM_CLASSES, 2, DataType.DOUBLE);
    private final Targets classes = LossCases.classes(random, N);

    @Test
    void focalWithGammaZeroIsCe() {
        assertSame(Losses.ce(), Losses.focal(0), classes);
    }

    @Test
    void logitAdjustedWithTauZeroIsCe() {
        assertSame(Losses.ce(), Losses.logitAdjusted(0).withClassCounts(LossCases.COUNTS), classes);
    }

    @Test
    void balancedSoftmaxIsLogitAdjustedWithTauOne() {
        assertSame(Losses.logitAdjusted(1).withClassCounts(LossCases.COUNTS),
                Losses.balancedSoftmax().withClassCounts(LossCases.COUNTS), classes);
    }

    @Test
    void logitAdjustedWithUniformPriorIsCe() {
        assertSame(Losses.ce(), Losses.logitAdjusted(1, ClassPrior.of(0.25, 0.25, 0.25, 0.25)), classes);
    }

    @Test
    void weightedCeWithUniformWeightsIsCe() {
        assertSame(Losses.ce(), Losses.weightedCe(ClassWeights.uniform()).withClassCounts(LossCases.COUNTS), classes);
    }

    @Test
    void emoWithWeightZeroIsCe() {
        assertSame(Losses.ce(), Losses.emo(0), classes);
    }

    @Test
    void ldamWithNoMarginIsCe() {
        assertSame(Losses.ce(), Losses.ldam(0, 1).withClassCounts(LossCases.COUNTS), classes);
    }

    @Test
    void zlprSoftOnZeroOneTargetsIsZlpr() {
        Targets multiLabel = LossCases.multiLabel(random, N);
        Targets sameAsSoft = Targets.soft(multiLabel.matrix(DataType.DOUBLE));
        LossResult hard = Losses.zlpr().compute(logits, multiLabel, Reduction.MEAN);
        LossResult soft = Losses.zlprSoft().compute(logits, sameAsSoft, Reduction.MEAN);
        assertClose(hard, soft);
    }

    @Test
    void zlprOnOneClassIsSigmoidCe() {
        // With one class, log(1 + (1-t)e^s) + log(1 + t e^-s) is softplus(s) or softplus(-s).
        INDArray single = logits.getColumn(0, true).dup();
        Targets t = Targets.multiLabel(LossCases.multiLabel(random, N).matrix(DataType.DOUBLE).getColumn(0, true).dup());
        assertClose(Losses.zlpr().compute(single, t, Reduction.MEAN), Losses.sigmoidCe().compute(single, t, Reduction.MEAN));
    }

    @Test
    void floodingBelowTheLossIsTheLoss() {
        LossResult inner = Losses.focal(2).compute(logits, classes, Reduction.MEAN);
        assertTrue(inner.value() > 0.05, "the flood level must be below the loss for this identity");
        assertSame(Losses.focal(2), Losses.flooding(Losses.focal(2), 0.05), classes);
    }

    @Test
    void floodingAboveTheLossMirrorsIt() {
        double level = 50;
        LossResult inner = Losses.ce().compute(logits, classes, Reduction.MEAN);
        LossResult flooded = Losses.flooding(Losses.ce(), level).compute(logits, classes, Reduction.MEAN);
        assertEquals(2 * level - inner.value(), flooded.value(), TOLERANCE);
        assertTrue(flooded.gradient().equalsWithEps(inner.gradient().neg(), TOLERANCE));
    }

    @Test
    void amSoftmaxWithNoMarginIsScaledCe() {
        LossResult am = Losses.amSoftmax(3, 0).compute(logits, classes, Reduction.MEAN);
        LossResult ce = Losses.ce().compute(logits.mul(3), classes, Reduction.MEAN);
        assertEquals(ce.value(), am.value(), TOLERANCE);
        assertTrue(am.gradient().equalsWithEps(ce.gradient().mul(3), TOLERANCE));
    }

    static List<LossCases.Case> cases() {
        return LossCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sumIsNTimesMean(LossCases.Case c) {
        Targets targets = c.targets().apply(new Random(3), N);
        LossResult mean = c.loss().compute(logits, targets, Reduction.MEAN);
        LossResult sum = c.loss().compute(logits, targets, Reduction.SUM);
        assertEquals(N * mean.value(), sum.value(), TOLERANCE * Math.max(1, Math.abs(sum.value())));
        assertTrue(sum.gradient().equalsWithEps(mean.gradient().mul(N), 1e-9));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void float32AgreesWithFloat64(LossCases.Case c) {
        Targets targets = c.targets().apply(new Random(5), N);
        LossResult wide = c.loss().compute(logits, targets, Reduction.MEAN);
        LossResult narrow = c.loss().compute(logits.castTo(DataType.FLOAT), targets, Reduction.MEAN);
        assertEquals(DataType.FLOAT, narrow.gradient().dataType());
        assertEquals(wide.value(), narrow.value(), 1e-4 * Math.max(1, Math.abs(wide.value())));
        assertTrue(narrow.gradient().castTo(DataType.DOUBLE).equalsWithEps(wide.gradient(), 1e-4));
    }

    @Test
    void computingLeavesTheLogitsAlone() {
        INDArray before = logits.dup();
        for (LossCases.Case c : LossCases.all()) {
            c.loss().compute(logits, c.targets().apply(new Random(1), N), Reduction.MEAN);
            assertEquals(before, logits, c.name() + " changed its input");
        }
    }

    private void assertSame(Loss expected, Loss actual, Targets targets) {
        for (Reduction reduction : Reduction.values()) {
            assertClose(expected.compute(logits, targets, reduction), actual.compute(logits, targets, reduction));
        }
    }

    private static void assertClose(LossResult expected, LossResult actual) {
        assertEquals(expected.value(), actual.value(), TOLERANCE);
        assertTrue(expected.gradient().equalsWithEps(actual.gradient(), TOLERANCE),
                () -> "gradients differ:\n" + expected.gradient() + "\n" + actual.gradient());
    }

    @Test
    void oneHotOfClassTargetsIsExact() {
        INDArray oneHot = Targets.classes(new int[] {2, 0}, 3).matrix(DataType.FLOAT);
        assertEquals(Nd4j.createFromArray(new float[][] {{0, 0, 1}, {1, 0, 0}}), oneHot);
    }
}
