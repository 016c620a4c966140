package io.losslab.loss;

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
 * A loss written as a sequence of ND4J operations, on whichever backend is active. Subclasses
 * write only the mathematics, in {@link #computeValid}; host arrays are copied into an ND4J array
 * and the gradient copied back.
 */
abstract class NdLoss extends AbstractLoss {

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

    /** The ND4J computation, after checking that the logits are finite; the gradient is copied out of the workspace. */
    @Override
    final double computeChecked(INDArray logits, Targets targets, Reduction reduction, INDArray gradient) {
        LossChecks.requireFinite(logits, "logits");
        try (MemoryWorkspace scratch = Nd4j.getWorkspaceManager().getAndActivateWorkspace(SCRATCH, SCRATCH_ID)) {
            LossResult result = computeValid(logits, targets, reduction);
            gradient.assign(result.gradient());
            return result.value();
        }
    }

    /** The ND4J computation on a copy of the host logits, its gradient copied back. */
    @Override
    final double computeChecked(HostBatch batch, Targets targets, Reduction reduction) {
        INDArray logits = batch.logitsArray();
        INDArray gradient = logits.ulike();
        double value = computeChecked(logits, targets, reduction, gradient);
        batch.writeGradient(gradient);
        return value;
    }

    /** The loss, as ND4J operations, on a batch that has passed every check. */
    abstract LossResult computeValid(INDArray logits, Targets targets, Reduction reduction);

    /** A per-class vector as a 1×K row of {@code type}. */
    static INDArray row(double[] perClass, DataType type) {
        return Nd4j.create(perClass, new long[] {1, perClass.length}, 'c').castTo(type);
    }
}
