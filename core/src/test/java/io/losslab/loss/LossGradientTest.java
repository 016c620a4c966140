package io.losslab.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The gradient of every loss against central finite differences of its own value, in float64. */
class LossGradientTest {

    private static final double STEP = 1e-6;
    private static final double TOLERANCE = 1e-6;

    static List<LossCases.Case> cases() {
        return LossCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientMatchesFiniteDifferences(LossCases.Case c) {
        Random random = new Random(7);
        int n = 5;
        INDArray logits = LossCases.gaussian(random, n, LossCases.NUM_CLASSES, 1.5, DataType.DOUBLE);
        Targets targets = c.targets().apply(random, n);
        for (Reduction reduction : Reduction.values()) {
            INDArray gradient = c.loss().compute(logits, targets, reduction).gradient();
            assertEquals(DataType.DOUBLE, gradient.dataType());
            assertTrue(gradient.equalShapes(logits), "gradient has the logits' shape");
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < LossCases.NUM_CLASSES; k++) {
                    double numeric = centralDifference(c.loss(), logits, targets, reduction, i, k);
                    double analytic = gradient.getDouble(i, k);
                    assertEquals(numeric, analytic, TOLERANCE * Math.max(1, Math.abs(numeric)),
                            c.name() + " " + reduction + " ∂/∂s[" + i + "," + k + "]");
                }
            }
        }
    }

    private static double centralDifference(Loss loss, INDArray logits, Targets targets, Reduction reduction,
            int i, int k) {
        double original = logits.getDouble(i, k);
        logits.putScalar(i, k, original + STEP);
        double up = loss.compute(logits, targets, reduction).value();
        logits.putScalar(i, k, original - STEP);
        double down = loss.compute(logits, targets, reduction).value();
        logits.putScalar(i, k, original);
        return (up - down) / (2 * STEP);
    }
}
