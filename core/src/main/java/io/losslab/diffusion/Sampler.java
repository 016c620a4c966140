package io.losslab.diffusion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How a trained model turns noise into samples, "building it again".
 *
 * <ul>
 *   <li>{@link #ancestral()}: DDPM's sampler over all T steps, from {@code x_T ~ N(0, I)}:
 *       {@code x_{t-1} = (x_t - (β_t²/β̄_t) ε_θ(x_t, t)) / α_t + σ_t z} with fresh noise z and
 *       {@code σ_t = β̄_{t-1} β_t / β̄_t} (no noise at the last step). Random throughout.</li>
 *   <li>{@link #ddim(int)}: DDIM with η = 0 (Song et al. 2021) over a subset of the steps: from
 *       {@code x_t}, estimate {@code x̂_0 = (x_t - β̄_t ε_θ) / ᾱ_t} and jump to
 *       {@code x_s = ᾱ_s x̂_0 + β̄_s ε_θ}. Deterministic given {@code x_T}, so a seed fixes the samples.</li>
 * </ul>
 *
 * <pre>{@code
 * Trajectory slow = model.sample(Sampler.ancestral(), 2000, 1);             // 101 recorded states
 * Trajectory fast = model.sample(Sampler.ddim(50), 2000, 1);                // 51 states
 * Trajectory every = model.sample(Sampler.ancestral().frames(1000), 500, 1);
 * }</pre>
 */
public final class Sampler {

    /** States an ancestral trajectory records unless told otherwise (plus the start). */
    public static final int DEFAULT_FRAMES = 100;

    private final boolean deterministic;
    private final int count;
    private final int[] times;
    /** The box every estimate of x_0 is clamped to; infinite when there is none. */
    private final double clipMin;
    private final double clipMax;

    private Sampler(boolean deterministic, int count, int[] times, double clipMin, double clipMax) {
        this.deterministic = deterministic;
        this.count = count;
        this.times = times;
        this.clipMin = clipMin;
        this.clipMax = clipMax;
    }

    /** Ancestral (DDPM) sampling over all T steps, recording {@value #DEFAULT_FRAMES} + 1 states. */
    public static Sampler ancestral() {
        return new Sampler(false, DEFAULT_FRAMES, null, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /**
     * DDIM sampling over {@code steps} times evenly spaced from T down to 0, recording every state.
     *
     * @throws IllegalArgumentException if steps is below 1
     */
    public static Sampler ddim(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, but is " + steps);
        }
        return new Sampler(true, steps, null, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /**
     * DDIM sampling through exactly these times (in any order), then to 0; sampling starts from
     * pure noise at the largest, so it should be T.
     *
     * @throws IllegalArgumentException if the times are empty, repeat or are below 1
     */
    public static Sampler ddimAt(int... times) {
        int[] sorted = Arrays.stream(times).sorted().toArray();
        if (sorted.length == 0 || sorted[0] < 1) {
            throw new IllegalArgumentException("times must be at least one step of 1 or more, but are "
                    + Arrays.toString(times));
        }
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException("times must be distinct, but " + sorted[i] + " repeats");
            }
        }
        int[] withZero = new int[sorted.length + 1];
        System.arraycopy(sorted, 0, withZero, 1, sorted.length);
        return new Sampler(true, sorted.length, withZero, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /**
     * This ancestral sampler recording {@code frames} + 1 evenly spaced states (every state if
     * frames ≥ T); DDIM records every state it visits and has no such setting.
     *
     * @throws IllegalArgumentException if frames is below 1 or this sampler is DDIM
     */
    public Sampler frames(int frames) {
        if (deterministic) {
            throw new IllegalArgumentException("frames applies to the ancestral sampler; DDIM records each of its "
                    + count + " steps");
        }
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be at least 1, but is " + frames);
        }
        return new Sampler(false, frames, null, clipMin, clipMax);
    }

    /**
     * This sampler with every estimate {@code x̂_0 = (x_t - β̄_t ε_θ) / ᾱ_t} clamped to
     * {@code [min, max]} and the noise estimate recomputed from the clamped one, as image samplers
     * do, for data known to lie in a box such as pixels rescaled to [-1, 1]. Without it a DDIM
     * path can drift: at t near T, x̂_0 multiplies the network's error by β̄_t/ᾱ_t (about 150 for
     * the linear schedule), and a deterministic path never draws it back.
     *
     * @throws IllegalArgumentException if min is not below max
     */
    public Sampler clipped(double min, double max) {
        if (!(min < max)) {
            throw new IllegalArgumentException("min must be below max, but they are " + min + " and " + max);
        }
        return new Sampler(deterministic, count, times, min, max);
    }

    /** Whether the samples depend only on the starting noise (DDIM). */
    public boolean deterministic() {
        return deterministic;
    }

    /** The times this sampler visits or records, ascending from 0, under {@code schedule}. */
    int[] times(NoiseSchedule schedule) {
        if (times == null) {
            return Frames.evenly(schedule.steps(), count);
        }
        if (times[times.length - 1] > schedule.steps()) {
            throw new IllegalArgumentException("times must not exceed T = " + schedule.steps() + ", but reach "
                    + times[times.length - 1]);
        }
        return times.clone();
    }

    /** Runs the sampler from noise drawn with {@code random}; labels may be null. */
    Trajectory run(Denoiser denoiser, NoiseSchedule schedule, int n, int dimension, int[] labels,
            SplittableRandom random) {
        int[] ascending = times(schedule);
        double[][] x = new double[n][dimension];
        fillGaussian(x, random);
        List<double[][]> states = new ArrayList<>();
        states.add(Points.copy(x));
        Denoising step = new Denoising(denoiser, schedule, labels, n, dimension);
        if (deterministic) {
            for (int i = ascending.length - 1; i > 0; i--) {
                ddimStep(x, step.noise(x, ascending[i]), schedule, ascending[i], ascending[i - 1]);
                states.add(Points.copy(x));
            }
        } else {
            int next = ascending.length - 2;
            for (int t = schedule.steps(); t >= 1; t--) {
                ancestralStep(x, step.noise(x, t), schedule, t, random);
                if (next >= 0 && t - 1 == ascending[next]) {
                    states.add(Points.copy(x));
                    next--;
                }
            }
        }
        return new Trajectory(Frames.descending(ascending), states);
    }

    /** ε_θ(x, t) for all points at one t, clipped if asked, into buffers reused from step to step. */
    private final class Denoising {

        private final Denoiser denoiser;
        private final NoiseSchedule schedule;
        private final int[] labels;
        private final int[] steps;
        private final double[][] noise;

        Denoising(Denoiser denoiser, NoiseSchedule schedule, int[] labels, int n, int dimension) {
            this.denoiser = denoiser;
            this.schedule = schedule;
            this.labels = labels;
            this.steps = new int[n];
            this.noise = new double[n][dimension];
        }

        double[][] noise(double[][] x, int t) {
            Arrays.fill(steps, t);
            denoiser.predict(x, steps, labels, noise);
            if (clipMin > Double.NEGATIVE_INFINITY || clipMax < Double.POSITIVE_INFINITY) {
                clip(x, t);
            }
            return noise;
        }

        /** ε = (x_t - ᾱ_t clamp(x̂_0)) / β̄_t wherever x̂_0 leaves the box. */
        private void clip(double[][] x, int t) {
            double signal = schedule.alphaBar(t);
            double spread = schedule.betaBar(t);
            for (int i = 0; i < x.length; i++) {
                for (int d = 0; d < x[i].length; d++) {
                    double clean = (x[i][d] - spread * noise[i][d]) / signal;
                    double clamped = Math.max(clipMin, Math.min(clipMax, clean));
                    if (clamped != clean) {
                        noise[i][d] = (x[i][d] - signal * clamped) / spread;
                    }
                }
            }
        }
    }

    private static void ancestralStep(double[][] x, double[][] noise, NoiseSchedule schedule, int t,
            SplittableRandom random) {
        double alpha = schedule.alpha(t);
        double noiseWeight = schedule.ddpmBeta(t) / schedule.betaBar(t);
        double sigma = t > 1 ? schedule.posteriorStd(t) : 0;
        for (int i = 0; i < x.length; i++) {
            for (int d = 0; d < x[i].length; d++) {
                double mean = (x[i][d] - noiseWeight * noise[i][d]) / alpha;
                x[i][d] = sigma > 0 ? mean + sigma * random.nextGaussian() : mean;
            }
        }
    }

    private static void ddimStep(double[][] x, double[][] noise, NoiseSchedule schedule, int from, int to) {
        double signalFrom = schedule.alphaBar(from);
        double noiseFrom = schedule.betaBar(from);
        double signalTo = schedule.alphaBar(to);
        double noiseTo = schedule.betaBar(to);
        for (int i = 0; i < x.length; i++) {
            for (int d = 0; d < x[i].length; d++) {
                double clean = (x[i][d] - noiseFrom * noise[i][d]) / signalFrom;
                x[i][d] = signalTo * clean + noiseTo * noise[i][d];
            }
        }
    }

    private static void fillGaussian(double[][] x, SplittableRandom random) {
        for (double[] point : x) {
            for (int d = 0; d < point.length; d++) {
                point[d] = random.nextGaussian();
            }
        }
    }

    @Override
    public String toString() {
        String clipping = clipMin > Double.NEGATIVE_INFINITY || clipMax < Double.POSITIVE_INFINITY
                ? ", x̂_0 clipped to [" + clipMin + ", " + clipMax + "]" : "";
        if (!deterministic) {
            return "ancestral (recording " + count + " frames" + clipping + ")";
        }
        String visits = times == null ? count + " steps" : "at " + Arrays.toString(Arrays.copyOfRange(times, 1,
                times.length));
        return "ddim(" + visits + clipping + ")";
    }
}
