package io.losslab.experiment;

/**
 * A number a sweep's table summarises over seeds, with its column heading.
 *
 * <pre>{@code
 * Interval few = table.row("ldam", 100).interval(SweepMetric.FEW_SHOT);
 * }</pre>
 */
public enum SweepMetric {
    /** The fraction of test examples predicted correctly. */
    ACCURACY("accuracy", true),
    /** The mean recall over the classes. */
    BALANCED_ACCURACY("balanced acc.", true),
    /** The mean F1 over the classes. */
    MACRO_F1("macro-F1", true),
    /** The mean recall of the many-shot classes. */
    MANY_SHOT("many-shot", true),
    /** The mean recall of the medium-shot classes. */
    MEDIUM_SHOT("medium-shot", true),
    /** The mean recall of the few-shot classes. */
    FEW_SHOT("few-shot", true),
    /** The expected calibration error. */
    ECE("ECE", false);

    private final String heading;
    private final boolean higherIsBetter;

    SweepMetric(String heading, boolean higherIsBetter) {
        this.heading = heading;
        this.higherIsBetter = higherIsBetter;
    }

    /** The column heading. */
    public String heading() {
        return heading;
    }

    /** Whether a larger value is the better one (false for the calibration error). */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }
}
