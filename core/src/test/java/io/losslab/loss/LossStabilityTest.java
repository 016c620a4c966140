package io.losslab.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Extreme inputs give finite values and gradients: no NaN and no infinity, in either precision. */
class LossStabilityTest {

    /** Logits of ±1e4, a class with probability 1 (by far the largest logit), and ordinary rows. */
    private static INDArray extremeLogits(DataType type) {
        return Nd4j.createFromArray(new double[][] {
                {1e4, -1e4, 1e4, -1e4},
                {-1e4, -1e4, -1e4, 1e4},
                {1e4, 0, 0, 0},
                {0, 0, 0, -1e4},
                {0.5, -0.3, 2, 0},
                {1e4, 1e4, 1e4, 1e4},
        }).castTo(type);
    }

    static List<Arguments> casesInBothPrecisions() {
        List<Arguments> arguments = new ArrayList<>();
        for (LossCases.Case c : LossCases.all()) {
            for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
                arguments.add(Arguments.of(c, type));
            }
        }
        return arguments;
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("casesInBothPrecisions")
    void extremeLogitsStayFinite(LossCases.Case c, DataType type) {
        INDArray logits = extremeLogits(type);
        for (int seed = 0; seed < 3; seed++) {
            Targets targets = c.targets().apply(new Random(seed), (int) logits.rows());
            LossResult result = c.loss().compute(logits, targets, Reduction.MEAN);
            assertFinite(c.name(), result);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("casesInBothPrecisions")
    void targetClassWithProbabilityOneHasZeroCeGradient(LossCases.Case c, DataType type) {
        if (!c.loss().acceptedTargets().contains(Targets.Kind.CLASSES)) {
            return;
        }
        INDArray certain = Nd4j.createFromArray(new double[][] {{1e4, -1e4, -1e4, -1e4}}).castTo(type);
        LossResult result = c.loss().compute(certain, Targets.classes(new int[] {0}, 4), Reduction.MEAN);
        assertFinite(c.name(), result);
    }

    @Test
    void tinyPriorEntriesStayFinite() {
        double tiny = 1e-300;
        ClassPrior prior = ClassPrior.of(1 - 3 * tiny, tiny, tiny, tiny);
        for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
            INDArray logits = extremeLogits(type);
            Targets targets = LossCases.classes(new Random(1), (int) logits.rows());
            for (Loss loss : List.of(Losses.logitAdjusted(1, prior), Losses.logitAdjusted(2, prior))) {
                assertFinite(loss.spec() + " " + type, loss.compute(logits, targets, Reduction.MEAN));
            }
            PostHocLogitAdjustment adjustment = new PostHocLogitAdjustment(prior, 1);
            assertEquals(0, adjustment.adjust(logits).isInfinite().castTo(DataType.INT32).sumNumber().intValue());
        }
    }

    @Test
    void focalIsExactForNearlyCertainExamples() {
        // p_y = 1 - q with q ≈ e^-40: the loss is ≈ q^(γ+1), which a naive log(p) would round to 0.
        double q = Math.exp(-40);
        INDArray logits = Nd4j.createFromArray(new double[][] {{40, 0}});
        LossResult focal = Losses.focal(0.5).compute(logits, Targets.classes(new int[] {0}, 2), Reduction.SUM);
        double expected = Math.pow(q, 1.5) / (1 + q);
        assertEquals(expected, focal.value(), 1e-6 * expected);
    }

    @Test
    void focalWithoutFocusingStaysCeWhenTheOtherClassesUnderflow() {
        for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
            INDArray certain = Nd4j.createFromArray(new double[][] {{1e4, -1e4, 0}, {-1e4, 1e4, 0}}).castTo(type);
            Targets targets = Targets.classes(new int[] {0, 0}, 3);
            LossResult focal = Losses.focal(0).compute(certain, targets, Reduction.SUM);
            LossResult ce = Losses.ce().compute(certain, targets, Reduction.SUM);
            assertFinite("focal(gamma=0) " + type, focal);
            assertEquals(ce.value(), focal.value(), 1e-6 * ce.value());
            assertTrue(focal.gradient().equalsWithEps(ce.gradient(), 1e-6), focal.gradient() + " vs " + ce.gradient());
        }
    }

    private static void assertFinite(String name, LossResult result) {
        assertTrue(Double.isFinite(result.value()), name + " value is " + result.value());
        INDArray g = result.gradient();
        assertEquals(0, g.isNaN().castTo(DataType.INT32).sumNumber().intValue(), name + " gradient has NaN: " + g);
        assertEquals(0, g.isInfinite().castTo(DataType.INT32).sumNumber().intValue(), name + " gradient has Inf: " + g);
    }
}
