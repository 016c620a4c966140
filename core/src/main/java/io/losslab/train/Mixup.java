package io.losslab.train;

import java.util.SplittableRandom;

/**
 * The mixing weight of mixup (Zhang et al. 2018): {@code λ ~ Beta(α, α)}, drawn in Java from the
 * run's seeded generator as {@code X / (X + Y)} with X, Y ~ Gamma(α).
 */
final class Mixup {

    private final double alpha;

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
