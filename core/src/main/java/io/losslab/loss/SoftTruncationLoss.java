package io.losslab.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

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
    LossResult computeValid(INDArray x, Targets targets, Reduction reduction) {
        INDArray t = targets.matrix(x.dataType());
        INDArray notT = t.rsub(1.0);
        INDArray gateRight = Transforms.sigmoid(x.mul(-k), false);
        INDArray gateWrong = Transforms.sigmoid(x.mul(k), false);
        INDArray lossIfPositive = LogitMath.softplus(x.neg());
        INDArray lossIfNegative = LogitMath.softplus(x);
        INDArray gateSlope = gateRight.mul(gateWrong).muli(k);

        INDArray perEntry = gateRight.mul(lossIfPositive).muli(t).addi(gateWrong.mul(lossIfNegative).muli(notT));
        INDArray positiveSlope = gateSlope.mul(lossIfPositive).addi(gateRight.mul(Transforms.sigmoid(x.neg(), false))).negi();
        INDArray negativeSlope = gateSlope.muli(lossIfNegative).addi(gateWrong.muli(Transforms.sigmoid(x, true)));
        INDArray gradient = positiveSlope.muli(t).addi(negativeSlope.muli(notT));

        double factor = reduction.factor(x.rows());
        return new LossResult(perEntry.sumNumber().doubleValue() * factor, gradient.muli(factor));
    }
}
