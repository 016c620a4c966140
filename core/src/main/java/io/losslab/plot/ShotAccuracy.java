package io.losslab.plot;

/**
 * One model's accuracy overall and on the many-, medium- and few-shot classes — a bar group of
 * {@link Plots#shotAccuracy}. A group with no classes is NaN.
 *
 * <pre>{@code
 * ShotAccuracy ce = new ShotAccuracy(0.61, 0.92, 0.63, 0.21);
 * }</pre>
 *
 * @param balanced balanced accuracy, the mean recall over all classes
 * @param many     accuracy on the many-shot classes
 * @param medium   accuracy on the medium-shot classes
 * @param few      accuracy on the few-shot classes
 */
public record ShotAccuracy(double balanced, double many, double medium, double few) {

    /**
     * Checks that each value is in [0, 1] or NaN.
     *
     * @throws IllegalArgumentException naming the first value outside
     */
    public ShotAccuracy {
        check("balanced", balanced);
        check("many", many);
        check("medium", medium);
        check("few", few);
    }

    private static void check(String name, double value) {
        if (!Double.isNaN(value) && !(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " accuracy must be in [0, 1] or NaN, but is " + value);
        }
    }

    /** The four values, in the order of the bars. */
    double[] values() {
        return new double[] {balanced, many, medium, few};
    }
}
