package io.losslab.train;

import java.util.SplittableRandom;

/**
 * The order in which a trainer's first call visits its training examples, epoch after epoch,
 * under instance sampling and without mixup: every example once per epoch, shuffled anew. A loop
 * outside LossLab's (Deeplearning4j's) that takes its batches in these orders trains on the
 * same batches as the trainer.
 *
 * <pre>{@code
 * EpochOrders orders = EpochOrders.firstCall(trainer.seed(), train.size());
 * int[] firstEpoch = orders.next();
 * }</pre>
 */
public final class EpochOrders {

    private final BatchSampler sampler;
    private final SplittableRandom sampling;

    private EpochOrders(BatchSampler sampler, SplittableRandom sampling) {
        this.sampler = sampler;
        this.sampling = sampling;
    }

    /**
     * The orders of the first call of a trainer seeded with {@code seed}, on {@code size} examples.
     *
     * @throws IllegalArgumentException if size is below 1
     */
    public static EpochOrders firstCall(long seed, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be at least 1, but is " + size);
        }
        return new EpochOrders(new BatchSampler(size), CallStreams.firstCall(seed).sampling());
    }

    /** The example indices of the next epoch, each of {@code 0..size-1} once. */
    public int[] next() {
        return sampler.epoch(sampling);
    }
}
