package io.losslab.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The forward process's marginals against the schedule, statistically: from a fixed x_0, x_t has
 * mean ᾱ_t x_0 and variance β̄_t² in every coordinate. With N points the sample mean has standard
 * error β̄_t/√N and the sample variance β̄_t²·√(2/N); every check allows five standard errors (and
 * 1e-9 for rounding at t = 0, where there is no noise), so a correct process fails one of these
 * checks with probability under 1e-5.
 */
class ForwardProcessTest {

    private static final double[] START = {1.5, -2.0};
    private static final double Z = 5;

    private final NoiseSchedule schedule = NoiseSchedule.linear(1000);
    private final ForwardProcess forward = ForwardProcess.of(schedule);

    @Test
    void closedFormMarginalsMatchTheSchedule() {
        int n = 200_000;
        double[][] x0 = repeated(n);
        for (int t : new int[] {0, 1, 100, 500, 1000}) {
            checkMarginal(forward.noised(x0, t, 40 + t), t, n);
        }
    }

    @Test
    void theStepByStepChainHasTheSameMarginals() {
        int n = 5_000;
        Trajectory chain = forward.trajectory(repeated(n), 4, 3);
        assertArrayEquals(new int[] {0, 250, 500, 750, 1000}, chain.steps());
        for (int f = 0; f < chain.size(); f++) {
            checkMarginal(chain.states().get(f), chain.steps()[f], n);
        }
    }

    @Test
    void trajectoryStartsAtTheDataAndRecordsEveryStepWhenAsked() {
        double[][] x0 = {{1, 2}, {3, 4}};
        Trajectory chain = ForwardProcess.of(NoiseSchedule.linear(20)).trajectory(x0, 50, 1);
        assertEquals(21, chain.size());
        assertArrayEquals(x0[1], chain.states().get(0)[1], 0);
        assertEquals(2, chain.last().length);
    }

    private void checkMarginal(double[][] xt, int t, int n) {
        double signal = schedule.alphaBar(t);
        double noise = schedule.betaBar(t);
        for (int d = 0; d < START.length; d++) {
            double mean = 0;
            for (double[] point : xt) {
                mean += point[d] / n;
            }
            double variance = 0;
            for (double[] point : xt) {
                variance += (point[d] - mean) * (point[d] - mean) / (n - 1);
            }
            assertEquals(signal * START[d], mean, Z * noise / Math.sqrt(n) + 1e-9, "mean at t = " + t);
            assertEquals(noise * noise, variance, Z * noise * noise * Math.sqrt(2.0 / n) + 1e-9,
                    "variance at t = " + t);
        }
    }

    private static double[][] repeated(int n) {
        double[][] x0 = new double[n][];
        for (int i = 0; i < n; i++) {
            x0[i] = START.clone();
        }
        return x0;
    }
}
