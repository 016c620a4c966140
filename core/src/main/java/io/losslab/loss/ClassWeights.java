package io.losslab.loss;

/**
 * A scheme that turns training class counts {@code n_k} into class weights {@code w_k} for
 * re-weighting, normalised so that {@code Σ_k n_k w_k = N}: the weighted training set has the
 * same total weight as the plain one, so learning rates carry over.
 *
 * <pre>{@code
 * double[] w = ClassWeights.effectiveNumber(0.999).weights(new long[] {5000, 50});
 * }</pre>
 */
public final class ClassWeights {

    /** The schemes, by the names used in loss specs. */
    public enum Scheme {
        /** Every class weighs 1. */
        UNIFORM("uniform"),
        /** {@code 1 / n_k}. */
        INVERSE("inverse"),
        /** {@code 1 / √n_k}. */
        INVERSE_SQRT("inverse-sqrt"),
        /** The effective number of samples, {@code (1 - β) / (1 - β^{n_k})} (Cui et al. 2019). */
        EFFECTIVE("effective");

        private final String specName;

        Scheme(String specName) {
            this.specName = specName;
        }

        /** The name of the scheme in a loss spec. */
        public String specName() {
            return specName;
        }

        static Scheme fromSpecName(String name) {
            for (Scheme s : values()) {
                if (s.specName.equals(name)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("scheme = " + name
                    + " is not a class-weight scheme; the schemes are uniform, inverse, inverse-sqrt, effective");
        }
    }

    private final Scheme scheme;
    private final double beta;

    private ClassWeights(Scheme scheme, double beta) {
        this.scheme = scheme;
        this.beta = beta;
    }

    /** Every class weighs the same. */
    public static ClassWeights uniform() {
        return new ClassWeights(Scheme.UNIFORM, Double.NaN);
    }

    /** Weights proportional to {@code 1 / n_k}. */
    public static ClassWeights inverseFrequency() {
        return new ClassWeights(Scheme.INVERSE, Double.NaN);
    }

    /** Weights proportional to {@code 1 / √n_k}. */
    public static ClassWeights inverseSqrt() {
        return new ClassWeights(Scheme.INVERSE_SQRT, Double.NaN);
    }

    /**
     * Weights proportional to {@code (1 - β) / (1 - β^{n_k})}.
     *
     * @param beta in [0, 1): 0 gives uniform weights, values near 1 approach inverse frequency
     */
    public static ClassWeights effectiveNumber(double beta) {
        if (!(beta >= 0 && beta < 1)) {
            throw new IllegalArgumentException("beta must be in [0, 1), but is " + beta);
        }
        return new ClassWeights(Scheme.EFFECTIVE, beta);
    }

    /** The scheme by name; {@code beta} is read only by the effective-number scheme. */
    static ClassWeights of(Scheme scheme, double beta) {
        return switch (scheme) {
            case UNIFORM -> uniform();
            case INVERSE -> inverseFrequency();
            case INVERSE_SQRT -> inverseSqrt();
            case EFFECTIVE -> effectiveNumber(beta);
        };
    }

    /** The scheme. */
    public Scheme scheme() {
        return scheme;
    }

    /** β of the effective-number scheme, NaN for the others. */
    public double beta() {
        return beta;
    }

    /**
     * The weight of each class for these training counts, with {@code Σ n_k w_k = Σ n_k}.
     *
     * @throws IllegalArgumentException if a count is negative, or zero under a scheme that
     *     divides by it
     */
    public double[] weights(long[] counts) {
        double[] raw = new double[counts.length];
        double weighted = 0;
        long total = 0;
        for (int k = 0; k < counts.length; k++) {
            long n = counts[k];
            if (n < 0 || (n == 0 && scheme != Scheme.UNIFORM)) {
                throw new IllegalArgumentException("counts[" + k + "] = " + n + " must be "
                        + (n < 0 ? "non-negative" : "positive for " + scheme.specName + " class weights"));
            }
            raw[k] = rawWeight(n);
            weighted += n * raw[k];
            total += n;
        }
        if (total == 0) {
            throw new IllegalArgumentException("counts must include at least one example, but are all 0");
        }
        double scale = total / weighted;
        for (int k = 0; k < raw.length; k++) {
            raw[k] *= scale;
        }
        return raw;
    }

    private double rawWeight(long n) {
        return switch (scheme) {
            case UNIFORM -> 1.0;
            case INVERSE -> 1.0 / n;
            case INVERSE_SQRT -> 1.0 / Math.sqrt(n);
            // 1 - β^n written as -expm1(n log β) keeps its digits when β^n is close to 1.
            case EFFECTIVE -> beta == 0 ? 1.0 : (1 - beta) / -Math.expm1(n * Math.log(beta));
        };
    }

    /** The scheme as it appears in a {@code weighted-ce} spec. */
    String spec() {
        return "scheme=" + scheme.specName + (scheme == Scheme.EFFECTIVE ? ", beta=" + LossSpecs.format(beta) : "");
    }

    @Override
    public String toString() {
        return spec();
    }
}
