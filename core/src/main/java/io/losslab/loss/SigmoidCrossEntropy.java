package io.losslab.loss;

/**
 * {@code sigmoid-ce}: binary cross-entropy per class, summed over the classes of an example,
 * {@code Σ_i softplus(s_i) - t_i s_i}, which is {@code -t log σ(s) - (1-t) log σ(-s)} written so
 * that no logarithm of a rounded-off probability is taken. The usual multi-label baseline:
 * each class is its own logistic regression, predicted when {@code s_i > 0}. Targets may be 0/1,
 * probabilities, or one class per example read as one-hot; the gradient is {@code σ(s) - t}.
 */
final class SigmoidCrossEntropy extends SigmoidLoss {

    @Override
    public String spec() {
        return "sigmoid-ce";
    }

    @Override
    double exampleLoss(LogitRow row, Targets targets, int example, double factor) {
        double value = 0;
        for (int k = 0; k < row.classes; k++) {
            double s = row.get(k);
            double t = targets.target(example, k);
            double e = LogitMath.expOfMinusAbs(s);
            value += LogitMath.softplus(s, e) - t * s;
            row.set(k, factor * (LogitMath.sigmoid(s, e) - t));
        }
        return value;
    }
}
