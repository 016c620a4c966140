package io.losslab.train;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a multi-task network weighs its task losses L_1 … L_n: training minimises an objective
 * whose gradient is {@code Σ α_i ∇L_i}, α_i ≥ 0 computed from the current losses with their
 * gradient stopped. Parsed from the {@code weighting} setting of {@link MultiTaskTrainer}:
 *
 * <ul>
 *   <li>{@code fixed} or {@code fixed(α_1, …, α_n)}: the given weights, by default all 1;
 *   <li>{@code initial}: α_i = 1 / L_i(0), each loss over its value before the first step,
 *       measured on the whole training set;
 *   <li>{@code prior}: α_i = 1 / L_i(prior), the loss of a model that predicts only what the
 *       training targets are on the whole: for a class task the loss of the logits
 *       {@code log p} of the class frequencies p (the entropy H(p) for cross-entropy), for a
 *       regression task the variance of its values;
 *   <li>{@code geometric-mean}: α_i = 1 / L_i, the gradient of Σ log L_i, so training minimises
 *       the geometric mean of the losses;
 *   <li>{@code generalised-mean(p=…)}: the power mean {@code M_p = ((1/n) Σ L_i^p)^(1/p)}, whose
 *       gradient weights are {@code ∂M_p/∂L_i = (1/n) (L_i / M_p)^(p-1)}: the arithmetic mean's
 *       1/n at p = 1, and at p → 0 the geometric mean G's {@code G / (n L_i)}, geometric-mean's
 *       weights times G/n; p = 0 is taken as that limit;
 *   <li>{@code uncertainty} (Kendall et al. 2018): a learned s_i = log σ_i per task, objective
 *       {@code Σ L_i / (2σ_i²) + log σ_i}, so α_i = e^(-2 s_i) / 2 and
 *       {@code ∂/∂s_i = 1 - L_i e^(-2 s_i)}; the s_i start at 0.
 * </ul>
 *
 * A loss (or a reference loss) below {@value #LOSS_FLOOR} counts as that floor where it divides,
 * so a task fitted perfectly on a batch does not make its weight infinite.
 */
final class TaskWeighting {

    /** The smallest loss a weight divides by. */
    static final double LOSS_FLOOR = 1e-12;

    private static final Pattern SPEC = Pattern.compile("\\s*([a-z-]+)\\s*(?:\\((.*)\\))?\\s*");
    private static final String SCHEMES = "fixed, fixed(α_1, ..., α_n), initial, prior, geometric-mean, "
            + "generalised-mean(p=...), uncertainty";

    /** The schemes. */
    enum Scheme {
        FIXED, INITIAL, PRIOR, GEOMETRIC_MEAN, GENERALISED_MEAN, UNCERTAINTY
    }

    private final String spec;
    private final Scheme scheme;
    /** The weights of {@code fixed(…)}, null for all ones. */
    private final double[] fixedWeights;
    /** The power of {@code generalised-mean}. */
    private final double power;

    private TaskWeighting(String spec, Scheme scheme, double[] fixedWeights, double power) {
        this.spec = spec;
        this.scheme = scheme;
        this.fixedWeights = fixedWeights;
        this.power = power;
    }

    /**
     * The weighting a spec names.
     *
     * @throws IllegalArgumentException naming {@code weighting} and the spec when it names no
     *     scheme or has bad arguments
     */
    static TaskWeighting parse(String spec) {
        Matcher m = spec == null ? null : SPEC.matcher(spec.toLowerCase(Locale.ROOT));
        if (m == null || !m.matches()) {
            throw bad(spec, "it is not a scheme name with optional arguments in parentheses");
        }
        String name = m.group(1);
        String arguments = m.group(2) == null ? "" : m.group(2).trim();
        return switch (name) {
            case "fixed" -> new TaskWeighting(spec, Scheme.FIXED, arguments.isEmpty() ? null : weights(spec, arguments), 1);
            case "generalised-mean", "generalized-mean" ->
                new TaskWeighting(spec, Scheme.GENERALISED_MEAN, null, power(spec, arguments));
            case "initial", "prior", "geometric-mean", "uncertainty" -> {
                if (!arguments.isEmpty()) {
                    throw bad(spec, name + " takes no arguments");
                }
                yield new TaskWeighting(spec, Scheme.valueOf(name.replace('-', '_').toUpperCase(Locale.ROOT)), null, 1);
            }
            default -> throw bad(spec, "'" + name + "' is no scheme");
        };
    }

    private static double[] weights(String spec, String arguments) {
        String[] parts = arguments.split(",");
        double[] weights = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            weights[i] = number(spec, parts[i].trim());
            if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
                throw bad(spec, "weight " + (i + 1) + " must be a finite number >= 0");
            }
        }
        return weights;
    }

    private static double power(String spec, String arguments) {
        String value = arguments.replaceFirst("^p\\s*=", "").trim();
        if (value.isEmpty()) {
            throw bad(spec, "generalised-mean needs its power, as generalised-mean(p=0.5)");
        }
        double p = number(spec, value);
        if (!Double.isFinite(p)) {
            throw bad(spec, "the power p must be finite");
        }
        return p;
    }

    private static double number(String spec, String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw bad(spec, "'" + text + "' is not a number");
        }
    }

    private static IllegalArgumentException bad(String spec, String why) {
        return new IllegalArgumentException("weighting = " + spec + " is not a weighting, as " + why
                + "; the weightings are: " + SCHEMES);
    }

    /** The spec as given. */
    String spec() {
        return spec;
    }

    Scheme scheme() {
        return scheme;
    }

    /**
     * Checks that the weighting fits {@code tasks} tasks.
     *
     * @throws IllegalArgumentException if {@code fixed(…)} gives another number of weights
     */
    void requireTasks(int tasks) {
        if (fixedWeights != null && fixedWeights.length != tasks) {
            throw new IllegalArgumentException("weighting = " + spec + " gives " + fixedWeights.length
                    + " weights for " + tasks + " tasks");
        }
    }

    /**
     * The weights α_i of the current task losses.
     *
     * @param losses     L_i, the current loss of each task
     * @param references L_i(0) for {@code initial}, L_i(prior) for {@code prior}; ignored otherwise
     * @param logSigmas  s_i for {@code uncertainty}; ignored otherwise
     */
    double[] weights(double[] losses, double[] references, double[] logSigmas) {
        int n = losses.length;
        double[] alpha = new double[n];
        switch (scheme) {
            case FIXED -> Arrays.setAll(alpha, i -> fixedWeights == null ? 1 : fixedWeights[i]);
            case INITIAL, PRIOR -> Arrays.setAll(alpha, i -> 1 / floored(references[i]));
            case GEOMETRIC_MEAN -> Arrays.setAll(alpha, i -> 1 / floored(losses[i]));
            case GENERALISED_MEAN -> {
                double mean = powerMean(losses);
                Arrays.setAll(alpha, i -> Math.pow(floored(losses[i]) / mean, power - 1) / n);
            }
            case UNCERTAINTY -> Arrays.setAll(alpha, i -> Math.exp(-2 * logSigmas[i]) / 2);
        }
        return alpha;
    }

    /**
     * The objective whose gradient with respect to the losses (and the s_i) the weights are: the
     * weighted sum, Σ log L_i, M_p, or the uncertainty objective.
     */
    double objective(double[] losses, double[] references, double[] logSigmas) {
        return switch (scheme) {
            case GEOMETRIC_MEAN -> Arrays.stream(losses).map(l -> Math.log(floored(l))).sum();
            case GENERALISED_MEAN -> powerMean(losses);
            case UNCERTAINTY -> {
                double sum = 0;
                for (int i = 0; i < losses.length; i++) {
                    sum += losses[i] * Math.exp(-2 * logSigmas[i]) / 2 + logSigmas[i];
                }
                yield sum;
            }
            default -> {
                double[] alpha = weights(losses, references, logSigmas);
                double sum = 0;
                for (int i = 0; i < losses.length; i++) {
                    sum += alpha[i] * losses[i];
                }
                yield sum;
            }
        };
    }

    /** ∂objective/∂s_i of {@code uncertainty}: {@code 1 - L_i e^(-2 s_i)}. */
    static double[] logSigmaGradient(double[] losses, double[] logSigmas) {
        double[] gradient = new double[losses.length];
        Arrays.setAll(gradient, i -> 1 - losses[i] * Math.exp(-2 * logSigmas[i]));
        return gradient;
    }

    /** M_p of the floored losses; at p = 0 the geometric mean. */
    private double powerMean(double[] losses) {
        if (power == 0) {
            return Math.exp(Arrays.stream(losses).map(l -> Math.log(floored(l))).average().orElseThrow());
        }
        double mean = Arrays.stream(losses).map(l -> Math.pow(floored(l), power)).average().orElseThrow();
        return Math.pow(mean, 1 / power);
    }

    private static double floored(double loss) {
        return Math.max(loss, LOSS_FLOOR);
    }

    @Override
    public String toString() {
        return spec;
    }
}
