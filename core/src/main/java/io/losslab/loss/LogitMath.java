package io.losslab.loss;

/**
 * The numerically stable scalar pieces of the per-class losses: log1p, and the sigmoid and
 * softplus of ±x built from the one exponential {@code e = e^{-|x|}}, which cannot overflow.
 * Nothing here takes the log of a number that can be zero or the exp of a number that can
 * overflow.
 */
final class LogitMath {

    private LogitMath() {
    }

    /** {@code e^{-|x|}}, in (0, 1]: the exponential that {@link #sigmoid} and {@link #softplus} of x and -x share. */
    static double expOfMinusAbs(double x) {
        return Math.exp(-Math.abs(x));
    }

    /** {@code σ(x) = 1 / (1 + e^{-x})} from x and {@code e = e^{-|x|}}: no term of it overflows. */
    static double sigmoid(double x, double e) {
        return x >= 0 ? 1 / (1 + e) : e / (1 + e);
    }

    /** {@code softplus(x) = log(1 + e^x)} from x and {@code e = e^{-|x|}}, as {@code max(x, 0) + log1p(e)}. */
    static double softplus(double x, double e) {
        return Math.max(x, 0) + log1p(e);
    }

    /**
     * {@code log(1 + x)} for x > -1, accurate for tiny x, where {@code 1 + x} rounds:
     * {@code log(u)·x/(u - 1)} with {@code u = 1 + x} cancels the rounding, and x itself is the
     * answer where u rounds to exactly 1. It costs one {@code Math.log}, which the JIT compiles
     * inline, where {@code Math.log1p} is a call into native code on JDK 17.
     */
    static double log1p(double x) {
        double u = 1 + x;
        return u == 1 ? x : Math.log(u) * x / (u - 1);
    }
}
