package io.losslab.loss;

import java.util.Arrays;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The shape of a loss as a function of the target probability {@code p_y}: its value, and its
 * effective gradient weight {@code |∂L/∂s_y| / |∂CE/∂s_y|} — how much more or less than plain
 * cross-entropy it pushes an example at that confidence. A modified loss is a re-weighting of
 * cross-entropy; this curve shows the weights.
 *
 * <p>For each {@code p_y} the logits are those of a K-class softmax that puts {@code p_y} on the
 * target class and spreads the rest evenly: {@code s_y = log p_y}, {@code s_j = log((1-p_y)/(K-1))}.
 * For a loss whose probabilities are per-class sigmoids the same probabilities are reached through
 * {@code s = log(p / (1 - p))}, so that {@code σ(s_y) = p_y}; cross-entropy's gradient on the
 * target logit is {@code 1 - p_y} either way.
 *
 * <pre>{@code
 * LossShape shape = LossShape.of(Losses.focal(2), 2, 0, LossShape.grid(99));
 * double[] weight = shape.gradientWeight();
 * }</pre>
 *
 * @param targetProbability the grid of {@code p_y}, each in (0, 1)
 * @param value             the loss of one example at each {@code p_y}
 * @param gradientWeight    {@code |∂L/∂s_y| / (1 - p_y)} at each {@code p_y}
 */
public record LossShape(double[] targetProbability, double[] value, double[] gradientWeight) {

    /**
     * The shape of {@code loss} (bound to class counts if it needs them) for an example of class
     * {@code targetClass} among {@code numClasses}.
     */
    public static LossShape of(Loss loss, int numClasses, int targetClass, double[] targetProbabilities) {
        if (numClasses < 2) {
            throw new IllegalArgumentException("numClasses must be at least 2, but is " + numClasses);
        }
        if (targetClass < 0 || targetClass >= numClasses) {
            throw new IllegalArgumentException("targetClass = " + targetClass + " is outside [0, " + numClasses + ")");
        }
        Targets target = Targets.classes(new int[] {targetClass}, numClasses);
        int n = targetProbabilities.length;
        double[] value = new double[n];
        double[] weight = new double[n];
        for (int i = 0; i < n; i++) {
            double p = targetProbabilities[i];
            if (!(p > 0 && p < 1)) {
                throw new IllegalArgumentException("targetProbabilities[" + i + "] = " + p + " is outside (0, 1)");
            }
            double[] logits = new double[numClasses];
            Arrays.fill(logits, logit((1 - p) / (numClasses - 1), loss.activation()));
            logits[targetClass] = logit(p, loss.activation());
            LossResult result = loss.compute(Nd4j.createFromArray(new double[][] {logits}), target, Reduction.SUM);
            value[i] = result.value();
            weight[i] = Math.abs(result.gradient().getDouble(0, targetClass)) / (1 - p);
        }
        return new LossShape(targetProbabilities.clone(), value, weight);
    }

    /** The logit that gives probability {@code p} under the loss's activation. */
    private static double logit(double p, Loss.Activation activation) {
        return activation == Loss.Activation.SIGMOID ? Math.log(p) - Math.log1p(-p) : Math.log(p);
    }

    /** {@code points} probabilities evenly spaced strictly inside (0, 1). */
    public static double[] grid(int points) {
        double[] p = new double[points];
        for (int i = 0; i < points; i++) {
            p[i] = (i + 1.0) / (points + 1.0);
        }
        return p;
    }
}
