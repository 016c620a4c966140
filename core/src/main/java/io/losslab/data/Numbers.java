package io.losslab.data;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * The small helpers of the data package: strict parsing of the numbers in data files, short
 * printing of parameters in descriptions, and of long values in messages.
 */
final class Numbers {

    /** Values longer than this are cut in messages: a message is read, not scrolled. */
    private static final int MAX_QUOTED_CHARS = 80;

    private Numbers() {
    }

    /**
     * {@code text} as a message quotes it: whole when short, else its first
     * {@value #MAX_QUOTED_CHARS} characters and its length, {@code abc… (1,048,576 characters)}.
     */
    static String shorten(String text) {
        if (text.length() <= MAX_QUOTED_CHARS) {
            return text;
        }
        return text.substring(0, MAX_QUOTED_CHARS) + String.format(Locale.ROOT, "… (%,d characters)", text.length());
    }

    /**
     * A plain decimal number, e.g. {@code -1.5e3}, as a float.
     *
     * <p>Stricter than {@link Float#parseFloat}, which also accepts {@code NaN}, {@code Infinity},
     * hexadecimal and a trailing {@code f} or {@code d}: in a data file those are mistakes or
     * missing values, not numbers.
     *
     * @throws NumberFormatException saying why the text is not a usable number
     */
    static float parseFeature(String text) {
        if (!isDecimal(text)) {
            throw new NumberFormatException("'" + shorten(text) + "' is not a number");
        }
        float value = Float.parseFloat(text);
        if (Float.isInfinite(value)) {
            throw new NumberFormatException("'" + shorten(text) + "' is outside the range of a float");
        }
        return value;
    }

    /** Whether {@code text} is an optionally signed decimal with an optional exponent. */
    static boolean isDecimal(String text) {
        int i = skipSign(text, 0);
        int digitsStart = i;
        i = skipDigits(text, i);
        int digits = i - digitsStart;
        if (i < text.length() && text.charAt(i) == '.') {
            int fractionStart = i + 1;
            i = skipDigits(text, fractionStart);
            digits += i - fractionStart;
        }
        if (digits == 0) {
            return false;
        }
        if (i < text.length() && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            int exponentStart = skipSign(text, i + 1);
            i = skipDigits(text, exponentStart);
            if (i == exponentStart) {
                return false;
            }
        }
        return i == text.length();
    }

    /** {@code value} to six significant digits without trailing zeros: 8, 0.7, 3.33333. */
    static String format(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        return new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    private static int skipSign(String text, int i) {
        return i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-') ? i + 1 : i;
    }

    private static int skipDigits(String text, int i) {
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        return i;
    }
}
