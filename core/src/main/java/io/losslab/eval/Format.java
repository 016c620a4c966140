package io.losslab.eval;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * How LossLab's tables print numbers: four decimals, and a dash for an undefined value; and how
 * a spec writes a parameter. The metrics here and the comparison tables of
 * {@code io.losslab.experiment} print through it.
 */
public final class Format {

    private Format() {
    }

    /** A parameter as a spec writes it: {@code 1}, {@code 0.5}, {@code 1e-08}. */
    public static String number(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toString();
    }

    /** A metric with four decimals, or a dash where it is undefined (NaN). */
    public static String value(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.4f", v);
    }
}
