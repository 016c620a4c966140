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

    /**
     * A parameter as a spec writes it, in plain digits: {@code 1}, {@code 0.5}, {@code 100},
     * {@code 0.00000001} (never {@code 1E+2}, which a reader could take for a typo).
     */
    public static String number(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** A metric with four decimals, or a dash where it is undefined (NaN). */
    public static String value(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.4f", v);
    }
}
