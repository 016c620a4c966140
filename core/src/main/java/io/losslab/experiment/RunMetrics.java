package io.losslab.experiment;

import io.losslab.data.ShotGroup;
import io.losslab.eval.ClassificationMetrics;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * The test-set numbers of one sweep run that its table and figures need: small, plain and
 * serializable, so that a run on another machine sends back only these. NaN marks an undefined
 * value, as in {@link ClassificationMetrics}.
 *
 * <pre>{@code
 * RunMetrics m = RunMetrics.of(ClassificationMetrics.of(model.predictions(test)));
 * double few = m.value(SweepMetric.FEW_SHOT);
 * }</pre>
 *
 * @param accuracy         the fraction of test examples predicted correctly
 * @param balancedAccuracy the mean recall over the classes
 * @param macroF1          the mean F1 over the classes
 * @param manyShot         the mean recall of the many-shot classes
 * @param mediumShot       the mean recall of the medium-shot classes
 * @param fewShot          the mean recall of the few-shot classes
 * @param ece              the expected calibration error
 * @param recall           each class's recall, by class index
 * @param trainingCounts   each class's training examples in this run, by class index
 */
public record RunMetrics(double accuracy, double balancedAccuracy, double macroF1, double manyShot, double mediumShot,
        double fewShot, double ece, double[] recall, long[] trainingCounts) implements Serializable {

    /** Keeps its own copies of the arrays. */
    public RunMetrics {
        recall = recall.clone();
        trainingCounts = trainingCounts.clone();
    }

    /** The numbers of full metrics. */
    public static RunMetrics of(ClassificationMetrics metrics) {
        return new RunMetrics(metrics.accuracy(), metrics.balancedAccuracy(), metrics.macroF1(),
                metrics.shotAccuracy(ShotGroup.MANY), metrics.shotAccuracy(ShotGroup.MEDIUM),
                metrics.shotAccuracy(ShotGroup.FEW), metrics.expectedCalibrationError(), metrics.recall(),
                metrics.trainingStats().counts());
    }

    /** One metric by name. */
    public double value(SweepMetric metric) {
        return switch (metric) {
            case ACCURACY -> accuracy;
            case BALANCED_ACCURACY -> balancedAccuracy;
            case MACRO_F1 -> macroF1;
            case MANY_SHOT -> manyShot;
            case MEDIUM_SHOT -> mediumShot;
            case FEW_SHOT -> fewShot;
            case ECE -> ece;
        };
    }

    /** A copy of the per-class recall. */
    @Override
    public double[] recall() {
        return recall.clone();
    }

    /** A copy of the per-class training counts. */
    @Override
    public long[] trainingCounts() {
        return trainingCounts.clone();
    }

    /** Equal when every number is, NaN equal to NaN: two runs of one cell give equal metrics. */
    @Override
    public boolean equals(Object other) {
        return other instanceof RunMetrics that
                && Double.compare(accuracy, that.accuracy) == 0
                && Double.compare(balancedAccuracy, that.balancedAccuracy) == 0
                && Double.compare(macroF1, that.macroF1) == 0
                && Double.compare(manyShot, that.manyShot) == 0
                && Double.compare(mediumShot, that.mediumShot) == 0
                && Double.compare(fewShot, that.fewShot) == 0
                && Double.compare(ece, that.ece) == 0
                && Arrays.equals(recall, that.recall)
                && Arrays.equals(trainingCounts, that.trainingCounts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(accuracy, balancedAccuracy, macroF1, manyShot, mediumShot, fewShot, ece,
                Arrays.hashCode(recall), Arrays.hashCode(trainingCounts));
    }

    @Override
    public String toString() {
        return "RunMetrics[balancedAccuracy=" + balancedAccuracy + ", macroF1=" + macroF1 + ", many=" + manyShot
                + ", medium=" + mediumShot + ", few=" + fewShot + ", ece=" + ece + ", recall="
                + Arrays.toString(recall) + "]";
    }
}
