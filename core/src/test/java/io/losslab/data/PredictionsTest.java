package io.losslab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A classifier's predictions: their one metric worked out by hand, their copies and their refusals. */
class PredictionsTest {

    private static final List<String> ABC = List.of("a", "b", "c");
    private static final long[] TRAIN_COUNTS = {500, 50, 5};

    @Test
    void balancedAccuracyAveragesTheRecallOfTheClassesPresent() {
        // Recall of a: 2/4, of b: 1/2, of c: 3/4; balanced accuracy is their mean.
        int[] truth = {0, 0, 0, 0, 1, 1, 2, 2, 2, 2};
        int[] predicted = {0, 0, 1, 2, 1, 0, 2, 2, 2, 1};
        Predictions p = Predictions.of(truth, predicted, null, ABC, TRAIN_COUNTS);
        assertEquals((0.5 + 0.5 + 0.75) / 3, p.balancedAccuracy(), 1e-15);
        // c is predicted but absent from the truth, so it does not count: (1/2 + 2/2) / 2.
        Predictions absent = Predictions.of(new int[] {0, 0, 1, 1}, new int[] {0, 2, 1, 1}, null, ABC, TRAIN_COUNTS);
        assertEquals(0.75, absent.balancedAccuracy(), 1e-15);
    }

    @Test
    void holdsCopiesOfWhatItIsGiven() {
        int[] truth = {0, 1};
        double[] confidence = {0.9, 0.6};
        Predictions p = Predictions.of(truth, new int[] {0, 2}, confidence, ABC, TRAIN_COUNTS);
        truth[0] = 2;
        confidence[0] = 0.1;
        p.predicted()[1] = 1;
        assertArrayEquals(new int[] {0, 1}, p.truth());
        assertArrayEquals(new int[] {0, 2}, p.predicted());
        assertArrayEquals(new double[] {0.9, 0.6}, p.confidence());
        assertArrayEquals(TRAIN_COUNTS, p.trainingCounts());
        assertEquals(2, p.size());
        assertNull(Predictions.of(truth, truth, null, ABC, TRAIN_COUNTS).confidence());
    }

    @Test
    void refusesMismatchedOrOutOfRangeInput() {
        TestFiles.assertFails(IllegalArgumentException.class,
                () -> Predictions.of(new int[] {0, 1}, new int[] {0}, null, ABC, TRAIN_COUNTS),
                "truth and predicted need one entry per example, at least one, but have 2 and 1");
        TestFiles.assertFails(IllegalArgumentException.class,
                () -> Predictions.of(new int[0], new int[0], new double[0], ABC, TRAIN_COUNTS),
                "truth and predicted need one entry per example, at least one, but have 0 and 0");
        TestFiles.assertFails(IllegalArgumentException.class,
                () -> Predictions.of(new int[] {0, 3}, new int[] {0, 1}, null, ABC, TRAIN_COUNTS),
                "truth[1] = 3 is outside [0, 3)");
        TestFiles.assertFails(IllegalArgumentException.class,
                () -> Predictions.of(new int[] {0}, new int[] {-1}, null, ABC, TRAIN_COUNTS),
                "predicted[0] = -1 is outside [0, 3)");
        TestFiles.assertFails(IllegalArgumentException.class,
                () -> Predictions.of(new int[] {0}, new int[] {0}, null, ABC, new long[] {1, 2}),
                "trainingCounts has 2 entries for 3 classes");
        TestFiles.assertFails(IllegalArgumentException.class,
                () -> Predictions.of(new int[] {0}, new int[] {0}, new double[] {0.5, 0.5}, ABC, TRAIN_COUNTS),
                "confidence has 2 entries for 1 examples");
    }
}
