package io.losslab.loss;

import java.util.Set;

/**
 * A loss on per-class sigmoid scores: each class is its own yes/no, predicted when its logit is
 * positive, so a target is a 0/1 or a probability per class and a class index reads as one-hot.
 * {@link AbstractLoss} defaults to the softmax losses' targets and activation; this gives the
 * sigmoid ones, which subclasses narrow when they take fewer kinds of targets.
 */
abstract class SigmoidLoss extends NdLoss {

    @Override
    public Set<Targets.Kind> acceptedTargets() {
        return PER_CLASS;
    }

    @Override
    public Activation activation() {
        return Activation.SIGMOID;
    }
}
