package io.losslab.loss;

/**
 * The squared error of real-valued predictions, {@code (ŷ - y)²} per example, for regression
 * heads. It takes real targets rather than {@link Targets}, so it stands beside the catalogue of
 * classification losses in {@link Losses} rather than in it; its spec is {@value #SPEC}.
 *
 * <p>Without the usual ½, so that the mean loss of the best constant prediction (the mean of the
 * targets) is their variance.
 *
 * <pre>{@code
 * double mse = SquaredError.compute(predictions, targets, Reduction.MEAN, gradient);
 * }</pre>
 */
public final class SquaredError {

    /** The spec a regression task names this loss by. */
    public static final String SPEC = "squared-error";

    private SquaredError() {
    }

    /**
     * The reduced squared error, with its gradient {@code 2(ŷ - y)} (over N for the mean) written
     * into {@code gradient}.
     *
     * @param predictions one prediction per example
     * @param targets     one target per example
     * @param gradient    as long as the predictions, overwritten with ∂value/∂predictions
     * @throws IllegalArgumentException if the lengths differ, there are no examples, or a
     *     prediction is not finite
     */
    public static double compute(float[] predictions, double[] targets, Reduction reduction, float[] gradient) {
        int n = predictions.length;
        if (targets.length != n || gradient.length != n || n == 0) {
            throw new IllegalArgumentException("predictions, targets and gradient need one entry per example, at least "
                    + "one, but have " + n + ", " + targets.length + " and " + gradient.length);
        }
        double factor = reduction.factor(n);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            if (!Float.isFinite(predictions[i])) {
                throw new IllegalArgumentException("predictions[" + i + "] = " + predictions[i] + " is not finite");
            }
            double error = predictions[i] - targets[i];
            sum += error * error;
            gradient[i] = (float) (2 * error * factor);
        }
        return sum * factor;
    }
}
