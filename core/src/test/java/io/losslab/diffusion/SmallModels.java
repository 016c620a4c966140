package io.losslab.diffusion;

import io.losslab.data.LabeledData;

/** Small, quickly trained models and data for the tests: seconds, not minutes. */
final class SmallModels {

    /** Two moons, standardised. */
    static final LabeledData MOONS = standardised(Toy2D.twoMoons(4000, 0.05, 0));
    /** More two moons from the same distribution, standardised like {@link #MOONS}. */
    static final LabeledData HELD_OUT = Rescaling.standardise(Toy2D.twoMoons(4000, 0.05, 0))
            .apply(Toy2D.twoMoons(1000, 0.05, 1));

    private SmallModels() {
    }

    /** A small network on a 50-step schedule, in batches of 128: 32 steps make an epoch of {@link #MOONS}. */
    static DiffusionTrainer.Builder trainer() {
        return DiffusionTrainer.builder()
                .schedule(NoiseSchedule.linear(50, 1e-3, 0.2))
                .hiddenSizes(64, 64)
                .timeEmbedding(8)
                .batchSize(128)
                .learningRate(2e-3)
                .seed(5);
    }

    private static LabeledData standardised(LabeledData data) {
        return Rescaling.standardise(data).apply(data);
    }
}
