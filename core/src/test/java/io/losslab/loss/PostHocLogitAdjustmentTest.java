package io.losslab.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Post-hoc logit adjustment moves predictions from head to tail classes by τ log π. */
class PostHocLogitAdjustmentTest {

    private final ClassPrior prior = ClassPrior.of(0.9, 0.1);

    @Test
    void subtractsTauTimesTheLogPrior() {
        INDArray scores = Nd4j.createFromArray(new double[][] {{1.0, 0.0}});
        INDArray adjusted = new PostHocLogitAdjustment(prior, 2).adjust(scores);
        assertEquals(1.0 - 2 * Math.log(0.9), adjusted.getDouble(0, 0), 1e-12);
        assertEquals(0.0 - 2 * Math.log(0.1), adjusted.getDouble(0, 1), 1e-12);
        assertEquals(1.0, scores.getDouble(0, 0), "the scores are not modified");
    }

    @Test
    void flipsCloseCallsTowardTheTailClass() {
        // log(0.9) - log(0.1) ≈ 2.197: a head-class lead smaller than that goes to the tail.
        INDArray scores = Nd4j.createFromArray(new double[][] {{2.0, 0.0}, {3.0, 0.0}, {0.0, 1.0}});
        assertArrayEquals(new int[] {1, 0, 1}, new PostHocLogitAdjustment(prior, 1).predict(scores));
        assertArrayEquals(new int[] {0, 0, 1}, new PostHocLogitAdjustment(prior, 0).predict(scores));
    }

    @Test
    void refusesMismatchedScoresAndNegativeTau() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PostHocLogitAdjustment(prior, 1).adjust(Nd4j.zeros(2, 3)));
        assertTrue(e.getMessage().contains("N×2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new PostHocLogitAdjustment(prior, -1));
        assertTrue(e.getMessage().contains("tau") && e.getMessage().contains("-1.0"), e.getMessage());
    }
}
