package io.losslab.loss;


/**
 * {@code am-softmax}: additive-margin softmax,
 * {@code -log e^{c(cos θ_y - m)} / (e^{c(cos θ_y - m)} + Σ_{i≠y} e^{c cos θ_i})}. Its logits are
 * meant to be the cosines between L2-normalised features and class weights, as a cosine
 * classifier head produces them; it is {@code ce} on {@code c·(s - m·onehot(y))}.
 */
final class AmSoftmaxLoss extends SingleLabelLoss {

    private final double scale;
    private final double margin;

    AmSoftmaxLoss(double scale, double margin) {
        this.scale = LossChecks.requirePositive("am-softmax", "scale", scale);
        this.margin = LossChecks.requireAtLeast("am-softmax", "margin", margin, 0);
    }

    @Override
    public String spec() {
        return "am-softmax(scale=" + LossSpecs.format(scale) + ", margin=" + LossSpecs.format(margin) + ")";
    }

    @Override
    double example(LogitRow cosines, int label, double factor) {
        cosines.set(label, cosines.get(label) - margin);
        cosines.affine(null, scale);
        return crossEntropy(cosines, label, factor * scale);
    }
}
