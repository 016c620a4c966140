package io.losslab.loss;

import org.nd4j.linalg.api.ndarray.INDArray;

/** {@code ce}: softmax cross-entropy, {@code -s_y + logsumexp(s)}. */
final class CrossEntropy extends AbstractLoss {

    @Override
    public String spec() {
        return "ce";
    }

    @Override
    LossResult computeValid(INDArray logits, Targets targets, Reduction reduction) {
        return LogitMath.crossEntropy(logits, targets.matrix(logits.dataType()), null, reduction, 1);
    }
}
