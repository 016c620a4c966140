package io.losslab.diffusion;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * How much signal and noise a diffusion keeps at each of its T steps.
 *
 * <p>In the notation of LossLab's diffusion articles one step is {@code x_t = α_t x_{t-1} + β_t ε_t}
 * with {@code α_t² + β_t² = 1}, and the steps compose in closed form to
 * {@code x_t = ᾱ_t x_0 + β̄_t ε} with {@code ᾱ_t = α_1 ⋯ α_t} and {@code ᾱ_t² + β̄_t² = 1}. The DDPM
 * paper (Ho et al. 2020) writes the squares instead: its {@code β_t} is {@code β_t²} here and its
 * {@code ᾱ_t} is {@code ᾱ_t²} here, so its {@code x_t = √ᾱ_t x_0 + √(1 - ᾱ_t) ε} is the same
 * equation. {@link #ddpmBeta} and {@link #ddpmAlphaBar} give the DDPM quantities.
 *
 * <p>Two schedules: {@code linear} spaces the DDPM variances {@code β_t²} evenly (1e-4 to 0.02 by
 * default), {@code cosine} (Nichol and Dhariwal 2021) makes {@code ᾱ_t²} follow a squared cosine,
 * which destroys the signal more evenly over the steps.
 *
 * <pre>{@code
 * NoiseSchedule s = NoiseSchedule.linear(1000);     // or NoiseSchedule.named("cosine", 1000)
 * double keep = s.alphaBar(500), add = s.betaBar(500);
 * }</pre>
 */
public final class NoiseSchedule {

    /** T when none is given. */
    public static final int DEFAULT_STEPS = 1000;
    /** The DDPM paper's linear variances. */
    public static final double DEFAULT_BETA_START = 1e-4;
    /** The DDPM paper's linear variances. */
    public static final double DEFAULT_BETA_END = 0.02;

    /** The cosine schedule's offset s, which keeps β_1 from being vanishingly small. */
    private static final double COSINE_OFFSET = 0.008;
    /** The cosine schedule's cap on β_t², which keeps the last steps from destroying everything at once. */
    private static final double COSINE_MAX_VARIANCE = 0.999;

    private final String name;
    /** The name {@link #named} knows it by: linear or cosine. */
    private final String kind;
    /** The linear schedule's β_1² and β_T²; the linear defaults for the cosine schedule, which has none. */
    private final double betaStart;
    private final double betaEnd;
    /** β_t² for t = 1..T; entry 0 is unused. */
    private final double[] variance;
    /** ᾱ_t² for t = 0..T. */
    private final double[] alphaBarSquared;
    /** β̄_t² for t = 0..T, kept apart from 1 - ᾱ_t² because that loses its digits for small t. */
    private final double[] betaBarSquared;

    private NoiseSchedule(String name, String kind, double betaStart, double betaEnd, double[] variance) {
        this.name = name;
        this.kind = kind;
        this.betaStart = betaStart;
        this.betaEnd = betaEnd;
        this.variance = variance;
        int steps = variance.length - 1;
        alphaBarSquared = new double[steps + 1];
        betaBarSquared = new double[steps + 1];
        double logAlphaBarSquared = 0;
        alphaBarSquared[0] = 1;
        for (int t = 1; t <= steps; t++) {
            logAlphaBarSquared += Math.log1p(-variance[t]);
            alphaBarSquared[t] = Math.exp(logAlphaBarSquared);
            betaBarSquared[t] = -Math.expm1(logAlphaBarSquared);
        }
    }

    /** The DDPM paper's schedule: β_t² from 1e-4 to 0.02, evenly spaced over {@code steps} steps. */
    public static NoiseSchedule linear(int steps) {
        return linear(steps, DEFAULT_BETA_START, DEFAULT_BETA_END);
    }

    /**
     * β_t² (the DDPM β_t) evenly spaced from {@code betaStart} at t = 1 to {@code betaEnd} at t = T.
     *
     * @throws IllegalArgumentException if steps is below 1 or the variances are not in (0, 1)
     *     with start ≤ end
     */
    public static NoiseSchedule linear(int steps, double betaStart, double betaEnd) {
        requireSteps(steps);
        requireVariance("betaStart", betaStart);
        requireVariance("betaEnd", betaEnd);
        if (betaStart > betaEnd) {
            throw new IllegalArgumentException("betaStart must not exceed betaEnd, but they are " + betaStart
                    + " and " + betaEnd);
        }
        double[] variance = new double[steps + 1];
        for (int t = 1; t <= steps; t++) {
            double position = steps == 1 ? 0 : (t - 1) / (double) (steps - 1);
            variance[t] = betaStart + position * (betaEnd - betaStart);
        }
        return new NoiseSchedule(String.format(Locale.ROOT, "linear(T=%d, beta=%s..%s)", steps,
                format(betaStart), format(betaEnd)), "linear", betaStart, betaEnd, variance);
    }

    /**
     * The cosine schedule: {@code ᾱ_t² = f(t)/f(0)}, {@code f(t) = cos²((t/T + s)/(1 + s) · π/2)},
     * s = 0.008, with every β_t² capped at 0.999.
     *
     * @throws IllegalArgumentException if steps is below 1
     */
    public static NoiseSchedule cosine(int steps) {
        requireSteps(steps);
        double[] variance = new double[steps + 1];
        for (int t = 1; t <= steps; t++) {
            variance[t] = Math.min(1 - cosineLevel(t, steps) / cosineLevel(t - 1, steps), COSINE_MAX_VARIANCE);
        }
        return new NoiseSchedule("cosine(T=" + steps + ")", "cosine", DEFAULT_BETA_START, DEFAULT_BETA_END, variance);
    }

    /**
     * A schedule by name, {@code linear} (with the default variances) or {@code cosine}, ignoring case.
     *
     * @throws IllegalArgumentException for another name or steps below 1
     */
    public static NoiseSchedule named(String schedule, int steps) {
        return named(schedule, steps, DEFAULT_BETA_START, DEFAULT_BETA_END);
    }

    /**
     * A schedule by name, ignoring case: {@code linear} from {@code betaStart} to
     * {@code betaEnd}, or {@code cosine}, which has no use for them.
     *
     * @throws IllegalArgumentException for another name, steps below 1 or, for the linear
     *     schedule, variances as {@link #linear(int, double, double)} refuses them
     */
    static NoiseSchedule named(String schedule, int steps, double betaStart, double betaEnd) {
        return switch (schedule.strip().toLowerCase(Locale.ROOT)) {
            case "linear" -> linear(steps, betaStart, betaEnd);
            case "cosine" -> cosine(steps);
            default -> throw new IllegalArgumentException("schedule = " + schedule
                    + " is not a noise schedule; the schedules are linear and cosine");
        };
    }

    /** The number of steps T. */
    public int steps() {
        return variance.length - 1;
    }

    /** The name {@link #named} knows it by: linear or cosine. */
    String kind() {
        return kind;
    }

    /** The linear schedule's first DDPM variance β_1²; for the cosine schedule the linear default. */
    double betaStart() {
        return betaStart;
    }

    /** The linear schedule's last DDPM variance β_T²; for the cosine schedule the linear default. */
    double betaEnd() {
        return betaEnd;
    }

    /** ᾱ_t, the signal kept after t steps (√ᾱ_t in DDPM's notation); 1 at t = 0. */
    public double alphaBar(int t) {
        return Math.sqrt(alphaBarSquared[checkTime(t, 0)]);
    }

    /** β̄_t, the noise present after t steps (√(1 - ᾱ_t) in DDPM's notation); 0 at t = 0. */
    public double betaBar(int t) {
        return Math.sqrt(betaBarSquared[checkTime(t, 0)]);
    }

    /** α_t, the signal one step keeps (√(1 - β_t) in DDPM's notation), t in 1..T. */
    public double alpha(int t) {
        return Math.sqrt(1 - variance[checkTime(t, 1)]);
    }

    /** β_t, the noise one step adds (√β_t in DDPM's notation), t in 1..T. */
    public double beta(int t) {
        return Math.sqrt(variance[checkTime(t, 1)]);
    }

    /** The DDPM paper's β_t, the variance step t adds: β_t² here; t in 1..T. */
    public double ddpmBeta(int t) {
        return variance[checkTime(t, 1)];
    }

    /** The DDPM paper's ᾱ_t: ᾱ_t² here; t in 0..T. */
    public double ddpmAlphaBar(int t) {
        return alphaBarSquared[checkTime(t, 0)];
    }

    /**
     * σ_t = β̄_{t-1} β_t / β̄_t, the standard deviation of {@code x_{t-1}} given {@code x_t} and
     * {@code x_0} (DDPM's β̃_t is its square), the noise an ancestral sampler adds at step t.
     */
    public double posteriorStd(int t) {
        checkTime(t, 1);
        return Math.sqrt(betaBarSquared[t - 1] * variance[t] / betaBarSquared[t]);
    }

    /** A description such as {@code linear(T=1000, beta=0.0001..0.02)}. */
    @Override
    public String toString() {
        return name;
    }

    private int checkTime(int t, int first) {
        if (t < first || t > steps()) {
            throw new IllegalArgumentException("t = " + t + " is outside [" + first + ", " + steps() + "]");
        }
        return t;
    }

    private static double cosineLevel(int t, int steps) {
        double c = Math.cos(((double) t / steps + COSINE_OFFSET) / (1 + COSINE_OFFSET) * Math.PI / 2);
        return c * c;
    }

    private static void requireSteps(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps (T) must be at least 1, but is " + steps);
        }
    }

    private static void requireVariance(String name, double value) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1), but is " + value);
        }
    }

    private static String format(double value) {
        return new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
