package io.losslab.loss;

/** {@code ce}: softmax cross-entropy, {@code -s_y + logsumexp(s)}. */
final class CrossEntropy extends SingleLabelLoss {

    @Override
    public String spec() {
        return "ce";
    }

    @Override
    double example(LogitRow row, int label, double factor) {
        return crossEntropy(row, label, factor);
    }
}
