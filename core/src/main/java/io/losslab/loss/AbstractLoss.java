package io.losslab.loss;

import java.util.EnumSet;
import java.util.Set;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The part every loss shares: validate the batch, on ND4J arrays or on host arrays, then compute.
 * A loss is either a {@link FusedLoss}, one pass over each row on the host, or an {@link NdLoss},
 * a sequence of ND4J operations.
 */
abstract class AbstractLoss implements Loss {

    /** Targets with exactly one class per example. */
    static final Set<Targets.Kind> SINGLE_LABEL = EnumSet.of(Targets.Kind.CLASSES);
    /** Targets with a 0/1 or probability per class; class targets read as one-hot. */
    static final Set<Targets.Kind> PER_CLASS =
            EnumSet.of(Targets.Kind.CLASSES, Targets.Kind.MULTI_LABEL, Targets.Kind.SOFT);

    @Override
    public Set<Targets.Kind> acceptedTargets() {
        return SINGLE_LABEL;
    }

    @Override
    public Activation activation() {
        return Activation.SOFTMAX;
    }

    @Override
    public final LossResult compute(INDArray logits, Targets targets, Reduction reduction) {
        LossChecks.requireValidBatch(this, logits, targets);
        checkClasses(targets.numClasses());
        INDArray gradient;
        try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            gradient = Nd4j.createUninitialized(logits.dataType(), logits.rows(), logits.columns());
        }
        return new LossResult(computeChecked(logits, targets, reduction, gradient), gradient);
    }

    @Override
    public final double compute(INDArray logits, Targets targets, Reduction reduction, INDArray gradient) {
        LossChecks.requireValidBatch(this, logits, targets);
        LossChecks.requireGradientFor(logits, gradient);
        checkClasses(targets.numClasses());
        return computeChecked(logits, targets, reduction, gradient);
    }

    @Override
    public final double compute(float[] logits, Targets targets, Reduction reduction, float[] gradient) {
        LossChecks.requireValidHostBatch(this, logits.length, gradient.length, targets);
        checkClasses(targets.numClasses());
        return computeChecked(HostBatch.of(logits, gradient, targets.numExamples(), targets.numClasses()), targets,
                reduction);
    }

    @Override
    public final double compute(double[] logits, Targets targets, Reduction reduction, double[] gradient) {
        LossChecks.requireValidHostBatch(this, logits.length, gradient.length, targets);
        checkClasses(targets.numClasses());
        return computeChecked(HostBatch.of(logits, gradient, targets.numExamples(), targets.numClasses()), targets,
                reduction);
    }

    /** The loss on ND4J logits whose shape and targets have passed the checks, its gradient written into {@code gradient}. */
    abstract double computeChecked(INDArray logits, Targets targets, Reduction reduction, INDArray gradient);

    /** The loss on host arrays that have passed the checks. */
    abstract double computeChecked(HostBatch batch, Targets targets, Reduction reduction);

    /** Checks per-class parameters against K before anything is computed; none by default. */
    void checkClasses(int numClasses) {
    }

    /** Checks that a per-class parameter has one entry per class. */
    static void requireLength(String loss, String parameter, double[] values, int numClasses) {
        if (values != null && values.length != numClasses) {
            throw new IllegalArgumentException(loss + ": " + parameter + " has " + values.length
                    + " entries, but the logits have " + numClasses + " classes");
        }
    }

    /** Thrown when a loss that needs the class distribution was never given it. */
    static IllegalStateException unbound(String spec) {
        return new IllegalStateException(spec + " needs the training class counts: call withClassCounts(counts) first");
    }

    @Override
    public String toString() {
        return spec();
    }
}
