package io.losslab.loss;

import java.util.EnumSet;
import java.util.Set;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The part every loss shares: validate the batch, on ND4J arrays or on host arrays, then compute
 * on the host, over the rows of logits. Each loss is written once, against host rows: a
 * {@link FusedLoss} is a sum over examples, one fused pass per row, and {@link DiceLoss}, a
 * property of the whole batch, makes two passes. ND4J arrays are read and written in place from
 * their host buffers.
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
        return new LossResult(computeOnBuffers(logits, targets, reduction, gradient), gradient);
    }

    @Override
    public final double compute(INDArray logits, Targets targets, Reduction reduction, INDArray gradient) {
        LossChecks.requireValidBatch(this, logits, targets);
        LossChecks.requireGradientFor(logits, gradient);
        checkClasses(targets.numClasses());
        return computeOnBuffers(logits, targets, reduction, gradient);
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

    /**
     * The loss on ND4J logits that have passed the checks, its gradient written into
     * {@code gradient}: the host pass over their buffers. Reads the logits in place when they are
     * a whole row-major buffer (else a row-major copy) and writes the gradient in place when it is
     * one (else into a copy that is then assigned).
     */
    private double computeOnBuffers(INDArray logits, Targets targets, Reduction reduction, INDArray gradient) {
        INDArray source = isWholeBuffer(logits) ? logits : logits.dup('c');
        INDArray target = isWholeBuffer(gradient) ? gradient : source.ulike();
        Nd4j.getAffinityManager().ensureLocation(source, AffinityManager.Location.HOST);
        double value = computeChecked(HostBatch.of(source, target), targets, reduction);
        Nd4j.getAffinityManager().tagLocation(target, AffinityManager.Location.HOST);
        if (target != gradient) {
            gradient.assign(target);
        }
        return value;
    }

    /** Whether the array is row-major and alone in its buffer from the start, so that the buffer is the matrix. */
    private static boolean isWholeBuffer(INDArray array) {
        return array.ordering() == 'c' && array.offset() == 0 && array.elementWiseStride() == 1
                && array.data().length() == array.length();
    }

    /**
     * The loss on host arrays that have passed the checks, its gradient written into the batch's
     * gradient buffer; refuses logits that turn out not to be finite.
     */
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
