package io.losslab.loss;

import java.util.EnumSet;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The part every loss shares: validate the batch, then compute. Subclasses write only the
 * mathematics, in {@link #computeValid}.
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

    /**
     * The scratch memory of a loss: every intermediate array lives in a workspace that is reused
     * from call to call, instead of fresh native memory that ND4J would free only after a garbage
     * collection. Only the gradient leaves it.
     */
    private static final WorkspaceConfiguration SCRATCH = WorkspaceConfiguration.builder()
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .overallocationLimit(0.1)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE)
            .build();
    private static final String SCRATCH_ID = "losslab-loss-scratch";

    @Override
    public final LossResult compute(INDArray logits, Targets targets, Reduction reduction) {
        LossChecks.requireValidBatch(this, logits, targets);
        checkClasses(targets.numClasses());
        try (MemoryWorkspace scratch = Nd4j.getWorkspaceManager().getAndActivateWorkspace(SCRATCH, SCRATCH_ID)) {
            LossResult result = computeValid(logits, targets, reduction);
            return new LossResult(result.value(), result.gradient().detach());
        }
    }

    /** Checks per-class parameters against K before anything is computed; none by default. */
    void checkClasses(int numClasses) {
    }

    /** The loss on a batch that has passed every check. */
    abstract LossResult computeValid(INDArray logits, Targets targets, Reduction reduction);

    /** The N×1 column {@code v[y_n]}: a per-class value picked out by each example's class. */
    static INDArray perExample(double[] perClass, INDArray oneHot) {
        INDArray column = Nd4j.create(perClass, new long[] {perClass.length, 1}, 'c').castTo(oneHot.dataType());
        return oneHot.mmul(column);
    }

    /** A per-class vector as a 1×K row of {@code type}. */
    static INDArray row(double[] perClass, DataType type) {
        return Nd4j.create(perClass, new long[] {1, perClass.length}, 'c').castTo(type);
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
