package io.losslab.loss;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The value of a loss on a batch and its gradient with respect to the logits.
 *
 * @param value    the reduced batch loss
 * @param gradient ∂value/∂logits, of the logits' shape and data type
 */
public record LossResult(double value, INDArray gradient) {
}
