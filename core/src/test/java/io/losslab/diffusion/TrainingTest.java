package io.losslab.diffusion;

import static io.losslab.diffusion.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.losslab.data.FeatureMatrix;
import io.losslab.data.LabeledData;
import io.losslab.train.BatchProgress;
import io.losslab.train.EpochProgress;
import io.losslab.train.RecordingListener;
import io.losslab.train.TrainingListener;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Training: it lowers the loss, is reproducible by its seed, reports progress and stops when interrupted. */
class TrainingTest {

    @Test
    void aShortRunLowersTheHeldOutLoss() {
        DiffusionModel barely = SmallModels.trainer().steps(1).build().train(SmallModels.MOONS);
        DiffusionModel trained = SmallModels.trainer().steps(400).build().train(SmallModels.MOONS);
        double before = barely.loss(SmallModels.HELD_OUT, 9);
        double after = trained.loss(SmallModels.HELD_OUT, 9);
        // An untrained network predicts about nothing, so its loss is near E[ε²] = 1.
        assertTrue(before > 0.8, "loss of an untrained network " + before);
        assertTrue(after < 0.75 * before, "held-out loss " + before + " -> " + after);
        double[] history = trained.lossHistory();
        assertTrue(mean(history, 350, 400) < 0.75 * mean(history, 0, 50), "training loss should fall");
        assertFalse(trained.interrupted());
        assertEquals(400, trained.stepsTrained());
    }

    @Test
    void theSeedFixesEverything() {
        double[] first = SmallModels.trainer().steps(30).build().train(SmallModels.MOONS).lossHistory();
        double[] second = SmallModels.trainer().steps(30).build().train(SmallModels.MOONS).lossHistory();
        double[] other = SmallModels.trainer().steps(30).seed(6).build().train(SmallModels.MOONS).lossHistory();
        assertArrayEquals(first, second, 0);
        assertFalse(first[29] == other[29], "another seed gives another run");
    }

    @Test
    void theListenerHearsEveryStepAndEveryEpoch() {
        RecordingListener listener = new RecordingListener();
        // 4000 examples in batches of 128 make epochs of 32 steps: 70 steps are 32 + 32 + 6.
        DiffusionModel model = SmallModels.trainer().steps(70).build().train(SmallModels.MOONS, listener);
        List<BatchProgress> batches = listener.batches();
        List<EpochProgress> epochs = listener.epochs();
        double[] history = model.lossHistory();
        assertEquals(70, batches.size());
        for (int i = 0; i < batches.size(); i++) {
            BatchProgress p = batches.get(i);
            assertEquals(i / 32 + 1, p.epoch(), "step " + (i + 1));
            assertEquals(i % 32 + 1, p.batch(), "step " + (i + 1));
            assertEquals(32, p.batchesPerEpoch());
            assertEquals(history[i], p.loss(), 0);
        }
        assertEquals(3, epochs.size());
        int[] ends = {32, 64, 70};
        for (int e = 0; e < 3; e++) {
            EpochProgress p = epochs.get(e);
            assertEquals(e + 1, p.epoch());
            assertEquals(3, p.epochs());
            assertEquals(mean(history, e * 32, ends[e]), p.meanLoss(), 1e-12);
            assertFalse(p.hasValidation());
        }
    }

    @Test
    void theAverageWeightsAreKeptBesideTheLastOnes() {
        DiffusionModel averaged = SmallModels.trainer().steps(50).build().train(SmallModels.MOONS);
        DiffusionModel plain = SmallModels.trainer().steps(50).averageDecay(0).build().train(SmallModels.MOONS);
        assertTrue(averaged.averaged());
        assertFalse(plain.averaged());
        assertTrue(plain.lastWeights() == plain, "without an average the last weights are the model's own");
        double[][] x = {{0.3, -0.2}};
        assertArrayEquals(plain.predictNoise(x, 20)[0], averaged.lastWeights().predictNoise(x, 20)[0], 0,
                "one run, averaged or not, ends at the same weights");
        assertFalse(averaged.predictNoise(x, 20)[0][0] == plain.predictNoise(x, 20)[0][0], "the average differs");
    }

    @Test
    void interruptingStopsAtTheNextStepAndKeepsTheModel() {
        DiffusionModel model;
        boolean stillInterrupted;
        try {
            model = SmallModels.trainer().steps(1000).build().train(SmallModels.MOONS, new TrainingListener() {
                @Override
                public void batchFinished(BatchProgress progress) {
                    if (progress.batch() == 7) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
        } finally {
            // Clears the status, so that it does not leak into the next test.
            stillInterrupted = Thread.interrupted();
        }
        assertTrue(stillInterrupted, "the interrupt status is left set for the caller");
        assertTrue(model.interrupted());
        assertEquals(7, model.stepsTrained());
        assertEquals(7, model.lossHistory().length);
        assertEquals(2, model.sample(Sampler.ddim(5), 3, 1).last()[0].length, "the partial model still samples");
    }

    @Test
    void badTrainingInput() {
        DiffusionModel model = SmallModels.trainer().steps(2).build().train(SmallModels.MOONS);
        LabeledData threeDimensional = LabeledData.of(
                FeatureMatrix.of(new float[][] {{1, 2, 3}, {4, 5, 6}}, List.of("a", "b", "c")), new int[] {0, 0},
                List.of("only"), "three dimensions");
        assertRefused(() -> model.loss(threeDimensional, 1), "data has 3 dimensions, but 2 are needed");
        assertRefused(() -> model.predictNoise(new double[][] {{1, 2, 3}}, 5), "xt has 3 dimensions, but 2 are needed");
        assertRefused(() -> model.predictNoise(new double[][] {{1, 2}}, 0), "t = 0", "[1, 50]");
        assertRefused(() -> model.sample(Sampler.ancestral(), new int[] {0}, 1), "class-conditional");
        assertRefused(() -> model.sample(Sampler.ancestral(), 0, 1), "n must be at least 1", "0");
    }

    private static double mean(double[] values, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += values[i];
        }
        return sum / (to - from);
    }
}
