package io.losslab.plot;

import java.util.List;
import java.util.Locale;

/** How numbers and text appear in titles, legends and notes. */
final class Labels {

    private Labels() {
    }

    /** A parameter value as a person writes it: {@code 2}, {@code 0.25}, {@code 1e-12}. */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    /** A count with thousands separators: {@code 50,000}. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A ratio to three significant digits: {@code 100}, {@code 12.3}, {@code 1.05}. */
    static String ratio(double value) {
        if (Double.isInfinite(value)) {
            return "∞";
        }
        return Labels.number(Double.parseDouble(String.format(Locale.ROOT, "%.3g", value)));
    }

    /** A value with a fixed number of decimals, the same in every locale: {@code 0.613}. */
    static String decimal(double value, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", value);
    }

    /** A value to at most {@code digits} decimals, without trailing zeros: {@code 20}, {@code 2.25}. */
    static String trimmed(double value, int digits) {
        return number(Double.parseDouble(decimal(value, digits)));
    }

    /** A title with notes (about thinned data) on a smaller second line. */
    static String withNotes(String title, List<String> notes) {
        return notes.isEmpty() ? title : title + "<br><sup>" + String.join("; ", notes) + "</sup>";
    }

    static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
