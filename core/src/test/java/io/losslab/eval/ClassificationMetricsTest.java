package io.losslab.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.losslab.data.Predictions;
import io.losslab.data.ShotGroup;
import io.losslab.data.ShotThresholds;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every metric on small hand-made predictions; the expected values were worked out by hand and
 * agree with scikit-learn 1.2 (accuracy_score, balanced_accuracy_score, f1_score(average="macro"),
 * precision_score, recall_score, confusion_matrix).
 */
class ClassificationMetricsTest {

    private static final List<String> ABC = List.of("a", "b", "c");
    private static final int[] TRUTH = {0, 0, 0, 0, 1, 1, 2, 2, 2, 2};
    private static final int[] PREDICTED = {0, 0, 1, 2, 1, 0, 2, 2, 2, 1};
    private static final long[] TRAIN_COUNTS = {500, 50, 5};

    private final ClassificationMetrics m = ClassificationMetrics.of(Predictions.of(TRUTH, PREDICTED, null, ABC, TRAIN_COUNTS));

    @Test
    void accuracyBalancedAccuracyAndMacroF1() {
        assertEquals(0.6, m.accuracy(), 1e-15);
        assertEquals((0.5 + 0.5 + 0.75) / 3, m.balancedAccuracy(), 1e-15);
        assertEquals((4.0 / 7 + 0.4 + 0.75) / 3, m.macroF1(), 1e-15);
    }

    @Test
    void perClassPrecisionRecallF1AndSupport() {
        assertArrayEquals(new double[] {2.0 / 3, 1.0 / 3, 0.75}, m.precision(), 1e-15);
        assertArrayEquals(new double[] {0.5, 0.5, 0.75}, m.recall(), 1e-15);
        assertArrayEquals(new double[] {4.0 / 7, 0.4, 0.75}, m.f1(), 1e-15);
        assertArrayEquals(new long[] {4, 2, 4}, m.support());
    }

    @Test
    void confusionMatrixHasTrueRowsAndPredictedColumns() {
        assertArrayEquals(new long[][] {{2, 1, 1}, {1, 1, 0}, {0, 1, 3}}, m.confusionMatrix());
        m.confusionMatrix()[0][0] = 99;
        assertEquals(2, m.confusionMatrix()[0][0], "a copy is handed out");
    }

    @Test
    void shotGroupsComeFromTheTrainingCounts() {
        // 500 > 100: many; 50: medium; 5 < 20: few — each group's accuracy is its classes' recall.
        assertEquals(0.5, m.shotAccuracy(ShotGroup.MANY), 1e-15);
        assertEquals(0.5, m.shotAccuracy(ShotGroup.MEDIUM), 1e-15);
        assertEquals(0.75, m.shotAccuracy(ShotGroup.FEW), 1e-15);
        ClassificationMetrics wide = ClassificationMetrics.of(Predictions.of(TRUTH, PREDICTED, null, ABC, TRAIN_COUNTS),
                ShotThresholds.of(40, 10));
        assertEquals(0.5, wide.shotAccuracy(ShotGroup.MANY), 1e-15, "500 and 50 are many-shot above 40");
        assertEquals(Double.NaN, wide.shotAccuracy(ShotGroup.MEDIUM), "no medium-shot class");
        assertEquals(0.75, wide.shotAccuracy(ShotGroup.FEW), 1e-15);
    }

    @Test
    void absentAndNeverPredictedClassesFollowScikitLearn() {
        // Class 2 is in the test set but never predicted; class 1 is predicted but one of its two is missed.
        ClassificationMetrics never = ClassificationMetrics.of(Predictions.of(new int[] {0, 0, 1, 1, 2},
                new int[] {0, 1, 1, 1, 1}, null, ABC, TRAIN_COUNTS));
        assertEquals(0.5, never.balancedAccuracy(), 1e-15);
        assertEquals(4.0 / 9, never.macroF1(), 1e-15);
        assertTrue(Double.isNaN(never.precision()[2]));
        assertEquals(0.0, never.recall()[2]);
        // Class 2 is predicted but absent from the test set: out of balanced accuracy, in macro-F1 with F1 0.
        ClassificationMetrics extra = ClassificationMetrics.of(Predictions.of(new int[] {0, 0, 1, 1},
                new int[] {0, 2, 1, 1}, null, ABC, TRAIN_COUNTS));
        assertEquals(0.75, extra.balancedAccuracy(), 1e-15);
        assertEquals(5.0 / 9, extra.macroF1(), 1e-15);
        assertTrue(Double.isNaN(extra.recall()[2]));
        assertEquals(Double.NaN, extra.shotAccuracy(ShotGroup.FEW), "the few-shot class has no test examples");
    }

    @Test
    void calibrationNeedsConfidences() {
        assertNull(m.calibration());
        assertTrue(Double.isNaN(m.expectedCalibrationError()));
        double[] confidence = {0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9};
        ClassificationMetrics withConfidence = ClassificationMetrics.of(Predictions.of(TRUTH, PREDICTED, confidence, ABC,
                TRAIN_COUNTS));
        // All in one bin: confidence 0.9, accuracy 0.6.
        assertEquals(0.3, withConfidence.expectedCalibrationError(), 1e-12);
    }

    @Test
    void printsASummaryAndOneLinePerClass() {
        String text = m.toString();
        assertTrue(text.startsWith("accuracy 0.6000, balanced accuracy 0.5833, macro-F1 0.5738"), text);
        assertTrue(text.contains("c            5    0.7500   0.7500   0.7500        4  few"), text);
        assertEquals(5, text.lines().count());
    }
}
