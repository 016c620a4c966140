package io.losslab.train;

import io.losslab.loss.Loss;
import io.losslab.loss.Reduction;
import io.losslab.loss.Targets;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Mixup (Zhang et al. 2018): the mixing weight {@code λ ~ Beta(α, α)}, drawn in Java from the
 * run's seeded generator as {@code X / (X + Y)} with X, Y ~ Gamma(α), and the loss mixed in the
 * same proportion between the two targets of the mixed examples.
 */
final class Mixup {

    private final double alpha;
    /**
     * The gradient of the partners' loss, kept from batch to batch by number of rows: a run's
     * batches are all full but the last, so there are at most two.
     */
    private final Map<Integer, INDArray> partnerGradients = new HashMap<>();

    Mixup(double alpha) {
        this.alpha = alpha;
    }

    double nextLambda(SplittableRandom random) {
        double x = gamma(alpha, random);
        double y = gamma(alpha, random);
        // For tiny α both variates can underflow to 0; the two examples then weigh the same.
        return x + y > 0 ? x / (x + y) : 0.5;
    }

    /**
     * The mean loss {@code λ L(own) + (1 - λ) L(partner)} of the logits of mixed examples, with its
     * gradient written into {@code gradient}: the own targets' gradient goes there, the partners'
     * into a kept array, and the two are mixed in place, so no array is made per batch.
     *
     * @throws IllegalArgumentException from the loss, for logits it refuses
     */
    double loss(Loss loss, INDArray logits, Targets own, Targets partner, double lambda, INDArray gradient) {
        INDArray partnerGradient = partnerGradients.computeIfAbsent(gradient.rows(), rows -> gradient.ulike());
        double ownValue = loss.compute(logits, own, Reduction.MEAN, gradient);
        double partnerValue = loss.compute(logits, partner, Reduction.MEAN, partnerGradient);
        gradient.muli(lambda).addi(partnerGradient.muli(1 - lambda));
        return lambda * ownValue + (1 - lambda) * partnerValue;
    }

    /**
     * A Gamma(shape, 1) variate by Marsaglia and Tsang (2000); for shape < 1 through
     * {@code Gamma(shape + 1) · U^{1/shape}}.
     */
    private static double gamma(double shape, SplittableRandom random) {
        if (shape < 1) {
            return gamma(shape + 1, random) * Math.pow(random.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double z = random.nextGaussian();
            double v = 1 + c * z;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = random.nextDouble();
            if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }
}
