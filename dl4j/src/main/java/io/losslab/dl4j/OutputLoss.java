package io.losslab.dl4j;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * The loss function and activation an output layer needs to train with a LossLab loss spec.
 *
 * @param function   what the layer minimises
 * @param activation what the layer applies to its pre-activations before the loss
 */
record OutputLoss(ILossFunction function, IActivation activation) {

    /**
     * The output of {@code spec}, bound to {@code classCounts} (null for none).
     *
     * @throws IllegalArgumentException for a spec this module cannot put on a layer
     */
    static OutputLoss of(String spec, long[] classCounts) {
        if (!"ce".equals(spec)) {
            throw new IllegalArgumentException("loss = " + spec + " is not available in Deeplearning4j yet; use ce");
        }
        return new OutputLoss(new LossMCXENT(), new ActivationSoftmax());
    }
}
