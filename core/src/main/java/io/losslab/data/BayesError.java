package io.losslab.data;

import java.util.Locale;

/**
 * The lowest balanced error any classifier can reach on a synthetic distribution: exact, or a
 * numerical estimate with its standard error.
 *
 * <pre>{@code
 * BayesError floor = gaussians.bayesBalancedError();
 * System.out.println(floor);               // "0.158655 (exact)" or "0.2214 ± 0.00003 (numerical)"
 * double gap = myBalancedError - floor.value();
 * }</pre>
 *
 * @param value         the balanced error, in [0, 1]
 * @param standardError the standard error of a numerical estimate; 0 when exact
 * @param exact         whether the value comes from a closed form
 */
public record BayesError(double value, double standardError, boolean exact) {

    @Override
    public String toString() {
        return exact
                ? String.format(Locale.ROOT, "%.6f (exact)", value)
                : String.format(Locale.ROOT, "%.6f ± %.2g (numerical)", value, standardError);
    }
}
