package io.losslab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The three samplings draw classes in the proportions n_k, 1 and √n_k. */
class BatchSamplerTest {

    /** 900, 90 and 9 examples, and one class with none. */
    private static final int[] LABELS = labels(900, 90, 9, 0);

    private static int[] labels(int... counts) {
        int[] labels = new int[Arrays.stream(counts).sum()];
        int filled = 0;
        for (int k = 0; k < counts.length; k++) {
            Arrays.fill(labels, filled, filled + counts[k], k);
            filled += counts[k];
        }
        return labels;
    }

    private static double[] classShares(NdTrainer.Sampling sampling, int epochs) {
        BatchSampler sampler = new BatchSampler(sampling, LABELS, 4);
        SplittableRandom random = new SplittableRandom(1);
        double[] shares = new double[4];
        for (int e = 0; e < epochs; e++) {
            int[] order = sampler.epoch(random);
            assertEquals(LABELS.length, order.length);
            for (int i : order) {
                shares[LABELS[i]] += 1.0 / (epochs * order.length);
            }
        }
        return shares;
    }

    @Test
    void instanceSamplingVisitsEveryExampleOnce() {
        int[] order = new BatchSampler(NdTrainer.Sampling.INSTANCE, LABELS, 4).epoch(new SplittableRandom(2));
        int[] sorted = order.clone();
        Arrays.sort(sorted);
        assertArrayEquals(java.util.stream.IntStream.range(0, LABELS.length).toArray(), sorted);
        assertEquals(false, Arrays.equals(sorted, order), "shuffled");
    }

    @Test
    void classBalancedSamplingGivesEveryNonEmptyClassAThird() {
        double[] shares = classShares(NdTrainer.Sampling.CLASS_BALANCED, 60);
        assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3, 0}, shares, 0.01);
    }

    @Test
    void squareRootSamplingFollowsTheRootOfTheCounts() {
        double total = Math.sqrt(900) + Math.sqrt(90) + Math.sqrt(9);
        double[] shares = classShares(NdTrainer.Sampling.SQUARE_ROOT, 60);
        assertArrayEquals(new double[] {30 / total, Math.sqrt(90) / total, 3 / total, 0}, shares, 0.01);
    }
}
