package io.losslab.eval;

import java.math.BigDecimal;
import java.util.Locale;

/** How tables print numbers: four decimals, and a dash for an undefined value. */
final class Format {

    private Format() {
    }

    /** A parameter as a spec writes it: {@code 1}, {@code 0.5}, {@code 1e-08}. */
    static String number(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toString();
    }

    static String value(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.4f", v);
    }
}
