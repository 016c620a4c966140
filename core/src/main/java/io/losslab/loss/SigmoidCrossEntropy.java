package io.losslab.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

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
    LossResult computeValid(INDArray logits, Targets targets, Reduction reduction) {
        INDArray t = targets.matrix(logits.dataType());
        double value = LogitMath.softplus(logits).subi(logits.mul(t)).sumNumber().doubleValue();
        double factor = reduction.factor(logits.rows());
        INDArray gradient = Transforms.sigmoid(logits, true).subi(t).muli(factor);
        return new LossResult(value * factor, gradient);
    }
}
