package io.losslab.loss;

/**
 * {@code soft-truncation}: the softened "hard truncation" loss, a sigmoid loss per class,
 * {@code -t σ(-Kx) log σ(x) - (1-t) σ(Kx) log σ(-x)} for a logit x and a 0/1 target t.
 * Examples the model already gets right by a wide margin fade out; large K approaches the hard
 * cut-off. Summed over the classes of an example; class targets read as one-hot.
 *
 * <p>With {@code log σ(x) = -softplus(-x)}, the gradient is
 * {@code t[-Kσ(Kx)σ(-Kx) softplus(-x) - σ(-Kx)σ(-x)] + (1-t)[Kσ(Kx)σ(-Kx) softplus(x) + σ(Kx)σ(x)]}.
 */
final class SoftTruncationLoss extends SigmoidLoss {

    private final double k;

    SoftTruncationLoss(double k) {
        this.k = LossChecks.requirePositive("soft-truncation", "k", k);
    }

    @Override
    public String spec() {
        return "soft-truncation(k=" + LossSpecs.format(k) + ")";
    }

    @Override
    double exampleLoss(LogitRow row, Targets targets, int example, double factor) {
        double value = 0;
        for (int i = 0; i < row.classes; i++) {
            double x = row.get(i);
            double t = targets.target(example, i);
            double gateExp = LogitMath.expOfMinusAbs(k * x);
            double gateRight = LogitMath.sigmoid(-k * x, gateExp);
            double gateWrong = LogitMath.sigmoid(k * x, gateExp);
            double gateSlope = k * gateRight * gateWrong;
            double e = LogitMath.expOfMinusAbs(x);
            double lossIfPositive = LogitMath.softplus(-x, e);
            double lossIfNegative = LogitMath.softplus(x, e);
            value += t * gateRight * lossIfPositive + (1 - t) * gateWrong * lossIfNegative;
            double positiveSlope = -(gateSlope * lossIfPositive + gateRight * LogitMath.sigmoid(-x, e));
            double negativeSlope = gateSlope * lossIfNegative + gateWrong * LogitMath.sigmoid(x, e);
            row.set(i, factor * (t * positiveSlope + (1 - t) * negativeSlope));
        }
        return value;
    }
}
