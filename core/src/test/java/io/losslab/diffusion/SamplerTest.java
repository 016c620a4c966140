package io.losslab.diffusion;

import static io.losslab.diffusion.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The samplers: their trajectories' shapes, DDIM's determinism, their mathematics with the exact
 * noise of a known distribution, and a trained model's samples against the data.
 */
class SamplerTest {

    private static final NoiseSchedule SCHEDULE = NoiseSchedule.linear(1000);
    private static DiffusionModel model;

    @BeforeAll
    static void train() {
        model = SmallModels.trainer().steps(1000).build().train(SmallModels.MOONS);
    }

    @Test
    void ancestralRecordsEvenlySpacedStatesFromNoiseToSamples() {
        Trajectory reverse = model.sample(Sampler.ancestral().frames(10), 300, 1);
        assertArrayEquals(new int[] {50, 45, 40, 35, 30, 25, 20, 15, 10, 5, 0}, reverse.steps());
        for (double[][] state : reverse.states()) {
            assertEquals(300, state.length);
            assertEquals(2, state[0].length);
        }
        assertEquals(51, model.sample(Sampler.ancestral(), 5, 1).size(), "by default every one of T = 50 steps");
        assertFalse(Sampler.ancestral().deterministic());
    }

    @Test
    void ddimVisitsItsStepsAndIsDeterministicGivenTheSeed() {
        Trajectory first = model.sample(Sampler.ddim(10), 200, 7);
        Trajectory again = model.sample(Sampler.ddim(10), 200, 7);
        Trajectory other = model.sample(Sampler.ddim(10), 200, 8);
        assertArrayEquals(new int[] {50, 45, 40, 35, 30, 25, 20, 15, 10, 5, 0}, first.steps());
        for (int f = 0; f < first.size(); f++) {
            assertTrue(Arrays.deepEquals(first.states().get(f), again.states().get(f)), "state " + f);
        }
        assertFalse(Arrays.deepEquals(first.last(), other.last()));
        assertTrue(Sampler.ddim(10).deterministic());
        assertArrayEquals(new int[] {50, 20, 5, 0}, model.sample(Sampler.ddimAt(5, 50, 20), 3, 1).steps());
    }

    @Test
    void samplesLandNearTheDataAndFarFromNoise() {
        double[][] heldOut = Points.of(SmallModels.HELD_OUT);
        double[][] reference = Arrays.copyOf(Points.of(SmallModels.MOONS), 1000);
        for (Sampler sampler : new Sampler[] {Sampler.ancestral(), Sampler.ddim(25)}) {
            SampleQuality quality = SampleQuality.measure(model.sample(sampler, 1000, 3).last(), heldOut, reference, 4);
            // Seeds 5 to 8 of this model all score 0.25 or less; pure noise scores 1.
            assertTrue(quality.relative() < 0.5, sampler + ": " + quality);
        }
    }

    @Test
    void classConditionalSamplesFollowTheirLabels() {
        DiffusionModel conditional = SmallModels.trainer().classConditional(true).steps(1000).build().train(SmallModels.MOONS);
        assertEquals(2, conditional.numClasses());
        int[] labels = new int[400];
        Arrays.fill(labels, 200, 400, 1);
        double[][] samples = conditional.sample(Sampler.ddim(25), labels, 2).last();
        // The upper moon lies above the lower one: compare the mean heights of the two groups.
        double upper = 0;
        double lower = 0;
        for (int i = 0; i < 200; i++) {
            upper += samples[i][1] / 200;
            lower += samples[200 + i][1] / 200;
        }
        assertTrue(upper > lower + 0.5, "upper moon at " + upper + ", lower at " + lower);
        assertEquals(17, conditional.sample(Sampler.ddim(5), 17, 1).last().length, "classes drawn from the prior");
        assertRefused(() -> conditional.sample(Sampler.ddim(5), new int[] {0, 2}, 1), "labels[1] = 2", "[0, 2)");
        assertRefused(() -> conditional.predictNoise(new double[][] {{0, 0}}, 3), "labels are needed");
    }

    @Test
    void withTheExactNoiseBothSamplersReachTheDataDistribution() {
        Denoiser exact = exactGaussian(SCHEDULE);
        // 20,000 samples estimate the mean to ±0.0035 and the standard deviation to ±0.0025 (one
        // standard error); 0.02 allows for that and for the steps' discretisation, except that
        // 50 DDIM steps shrink the spread by about 5%.
        int n = 20_000;
        Sampler[] samplers = {Sampler.ancestral(), Sampler.ddim(1000), Sampler.ddim(50)};
        double[] stdTolerance = {0.02, 0.02, 0.04};
        for (int s = 0; s < samplers.length; s++) {
            double[][] samples = samplers[s].run(exact, SCHEDULE, n, 1, null, new SplittableRandom(1)).last();
            double mean = Arrays.stream(samples).mapToDouble(p -> p[0]).average().orElseThrow();
            double variance = Arrays.stream(samples).mapToDouble(p -> (p[0] - mean) * (p[0] - mean)).sum() / (n - 1);
            assertEquals(2, mean, 0.02, samplers[s] + ": mean");
            assertEquals(0.5, Math.sqrt(variance), stdTolerance[s], samplers[s] + ": standard deviation");
        }
    }

    @Test
    void clippingKeepsEveryEstimateOfTheDataInItsBox() {
        Denoiser exact = exactGaussian(SCHEDULE);
        // DDIM's last step returns x̂_0 itself, so its samples end inside the box.
        double[][] clipped = Sampler.ddim(20).clipped(1.9, 2.1).run(exact, SCHEDULE, 500, 1, null,
                new SplittableRandom(2)).last();
        assertTrue(Arrays.stream(clipped).allMatch(p -> p[0] >= 1.9 && p[0] <= 2.1));
        double[][] wideBox = Sampler.ddim(20).clipped(-100, 100).run(exact, SCHEDULE, 500, 1, null,
                new SplittableRandom(2)).last();
        double[][] free = Sampler.ddim(20).run(exact, SCHEDULE, 500, 1, null, new SplittableRandom(2)).last();
        assertTrue(Arrays.deepEquals(free, wideBox), "a box that holds every estimate changes nothing");
    }

    /**
     * The exact noise prediction for data N(2, 0.5²) in one dimension: x_t ~ N(2ᾱ_t, 0.25ᾱ_t² + β̄_t²),
     * so E[ε | x_t] = β̄_t (x_t - 2ᾱ_t) / (0.25ᾱ_t² + β̄_t²).
     */
    private static Denoiser exactGaussian(NoiseSchedule schedule) {
        return (x, steps, labels, noise) -> {
            for (int i = 0; i < x.length; i++) {
                double signal = schedule.alphaBar(steps[i]);
                double spread = schedule.betaBar(steps[i]);
                noise[i][0] = spread * (x[i][0] - 2 * signal) / (0.25 * signal * signal + spread * spread);
            }
        };
    }

    @Test
    void badSamplers() {
        assertRefused(() -> Sampler.ddim(0), "steps must be at least 1", "0");
        assertRefused(() -> Sampler.ddimAt(), "times", "[]");
        assertRefused(() -> Sampler.ddimAt(10, 0), "times", "[10, 0]");
        assertRefused(() -> Sampler.ddimAt(10, 10), "distinct", "10");
        assertRefused(() -> Sampler.ddim(5).frames(3), "frames applies to the ancestral sampler");
        assertRefused(() -> Sampler.ancestral().frames(0), "frames must be at least 1");
        assertRefused(() -> Sampler.ddim(5).clipped(1, 1), "min must be below max");
        assertRefused(() -> model.sample(Sampler.ddimAt(60), 1, 1), "T = 50", "60");
    }
}
