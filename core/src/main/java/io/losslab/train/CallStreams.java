package io.losslab.train;

import java.util.SplittableRandom;

/**
 * The random streams of one call of a trainer, split from the call's generator in this order:
 * the initial parameters, the sampling (each epoch's example order, and mixup's draws), the
 * dropout masks. A loop outside LossLab's that draws from the same streams starts from the same
 * weights and visits the same batches.
 *
 * <pre>{@code
 * float[] start = layout.initialParameters(CallStreams.firstCall(seed).parameters());
 * }</pre>
 *
 * @param parameters the initial parameters' draw
 * @param sampling   the epochs' orders, then mixup's λ and partners
 * @param dropout    the dropout masks
 */
public record CallStreams(SplittableRandom parameters, SplittableRandom sampling, SplittableRandom dropout) {

    /** The streams of the call whose generator is {@code call}. */
    static CallStreams of(SplittableRandom call) {
        SplittableRandom parameters = call.split();
        SplittableRandom sampling = call.split();
        return new CallStreams(parameters, sampling, call.split());
    }

    /** The streams of a trainer's first call with {@code seed}: its generator is the seed's own. */
    public static CallStreams firstCall(long seed) {
        return of(new SplittableRandom(seed));
    }
}
