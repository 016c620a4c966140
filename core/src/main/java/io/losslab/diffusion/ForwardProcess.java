package io.losslab.diffusion;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The forward process, "taking the building apart": noise added step by step until only noise
 * is left. Any step can be reached in closed form, {@code x_t = ᾱ_t x_0 + β̄_t ε}, or the chain
 * {@code x_t = α_t x_{t-1} + β_t ε_t} can be run step by step; both give the same distribution of
 * {@code x_t}, and the chain shows each point wandering off.
 *
 * <pre>{@code
 * ForwardProcess forward = ForwardProcess.of(NoiseSchedule.linear(1000));
 * double[][] half = forward.noised(points, 500, 1);           // closed form
 * Trajectory apart = forward.trajectory(points, 100, 1);      // t = 0, 10, ..., 1000
 * }</pre>
 */
public final class ForwardProcess {

    private final NoiseSchedule schedule;

    private ForwardProcess(NoiseSchedule schedule) {
        this.schedule = schedule;
    }

    /** The forward process of {@code schedule}. */
    public static ForwardProcess of(NoiseSchedule schedule) {
        return new ForwardProcess(schedule);
    }

    /** The schedule. */
    public NoiseSchedule schedule() {
        return schedule;
    }

    /**
     * {@code x_t = ᾱ_t x_0 + β̄_t ε} for every point, ε standard normal drawn with {@code seed}.
     *
     * @throws IllegalArgumentException if t is outside [0, T] or the points are empty or ragged
     */
    public double[][] noised(double[][] x0, int t, long seed) {
        int dimension = Points.dimension("x0", x0);
        double signal = schedule.alphaBar(t);
        double noise = schedule.betaBar(t);
        SplittableRandom random = new SplittableRandom(seed);
        double[][] xt = new double[x0.length][dimension];
        for (int i = 0; i < x0.length; i++) {
            for (int d = 0; d < dimension; d++) {
                xt[i][d] = signal * x0[i][d] + noise * random.nextGaussian();
            }
        }
        return xt;
    }

    /**
     * The chain run from {@code x0} through all T steps, its state recorded at {@code frames + 1}
     * evenly spaced times from 0 to T (every time if frames ≥ T).
     *
     * @throws IllegalArgumentException if frames is below 1 or the points are empty or ragged
     */
    public Trajectory trajectory(double[][] x0, int frames, long seed) {
        int dimension = Points.dimension("x0", x0);
        int[] recorded = Frames.evenly(schedule.steps(), frames);
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = Points.copy(x0);
        List<double[][]> states = new ArrayList<>();
        states.add(Points.copy(x));
        int next = 1;
        for (int t = 1; t <= schedule.steps(); t++) {
            double alpha = schedule.alpha(t);
            double beta = schedule.beta(t);
            for (double[] point : x) {
                for (int d = 0; d < dimension; d++) {
                    point[d] = alpha * point[d] + beta * random.nextGaussian();
                }
            }
            if (t == recorded[next]) {
                states.add(Points.copy(x));
                next++;
            }
        }
        return new Trajectory(recorded, states);
    }
}
