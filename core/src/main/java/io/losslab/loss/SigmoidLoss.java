package io.losslab.loss;

import java.util.Set;

/**
 * A loss on per-class sigmoid scores: each class is its own yes/no, predicted when its logit is
 * positive, so a target is a 0/1 or a probability per class and a class index reads as one-hot.
 * {@link AbstractLoss} defaults to the softmax losses' targets and activation; this gives the
 * sigmoid ones, which subclasses narrow when they take fewer kinds of targets.
 */
abstract class SigmoidLoss extends FusedLoss {

    @Override
    public Set<Targets.Kind> acceptedTargets() {
        return PER_CLASS;
    }

    @Override
    public Activation activation() {
        return Activation.SIGMOID;
    }

    /**
     * The loss of one example against its per-class targets ({@link Targets#target}), with its
     * gradient row left in {@code row}; the arguments are those of {@link #rowLoss}.
     */
    abstract double exampleLoss(LogitRow row, Targets targets, int example, double factor);

    /**
     * The example's loss plus the row's finiteness mark: per-class formulas can turn an infinite
     * logit into a finite loss ({@code softplus(-∞) = 0}), which the check after the pass would miss.
     */
    @Override
    final double rowLoss(LogitRow row, Targets targets, int example, double factor) {
        double mark = row.nanUnlessFinite();
        return exampleLoss(row, targets, example, factor) + mark;
    }
}
