package io.losslab.eval;

import java.util.Locale;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Student's paired t-test of two methods measured on the same seeds: the differences
 * {@code d_i = a_i - b_i}, {@code t = mean(d) / (s_d / √n)} with n - 1 degrees of freedom and the
 * two-sided p-value. Pairing removes what a seed does to both (an easy or hard draw of the long
 * tail), so it finds smaller differences than comparing two intervals. Pairs with an undefined
 * (NaN) side are left out.
 *
 * <pre>{@code
 * PairedTTest test = PairedTTest.of(focalBySeed, ceBySeed);
 * if (test.significantAt(0.05)) System.out.println(test.meanDifference() > 0 ? "better" : "worse");
 * }</pre>
 *
 * @param meanDifference the mean of {@code a_i - b_i}; NaN without pairs
 * @param t              the t statistic; NaN with fewer than two pairs, infinite when every
 *                       difference is the same non-zero number
 * @param pValue         the two-sided p-value; NaN with fewer than two pairs
 * @param pairs          how many pairs were compared
 */
public record PairedTTest(double meanDifference, double t, double pValue, int pairs) {

    /**
     * The test of {@code a} against {@code b}, pair by pair.
     *
     * @throws IllegalArgumentException if the arrays differ in length
     */
    public static PairedTTest of(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("a paired test needs as many measurements on each side, but has "
                    + a.length + " and " + b.length);
        }
        double sum = 0;
        int n = 0;
        double[] differences = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            if (!Double.isNaN(a[i]) && !Double.isNaN(b[i])) {
                differences[n] = a[i] - b[i];
                sum += differences[n++];
            }
        }
        double mean = n == 0 ? Double.NaN : sum / n;
        if (n < 2) {
            return new PairedTTest(mean, Double.NaN, Double.NaN, n);
        }
        double squares = 0;
        for (int i = 0; i < n; i++) {
            squares += (differences[i] - mean) * (differences[i] - mean);
        }
        double standardError = Math.sqrt(squares / (n - 1) / n);
        if (standardError == 0) {
            return new PairedTTest(mean, mean == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, mean), mean == 0 ? 1 : 0, n);
        }
        double t = mean / standardError;
        double p = 2 * new TDistribution(null, n - 1).cumulativeProbability(-Math.abs(t));
        return new PairedTTest(mean, t, p, n);
    }

    /** Whether the difference is significant at this level (two-sided). */
    public boolean significantAt(double alpha) {
        return pValue < alpha;
    }

    /** {@code +0.031 (p = 0.004, 5 pairs)}; {@code p < 0.001} below what three decimals show. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%+.3f (%s, %d pairs)", meanDifference, describeP(pValue), pairs);
    }

    /** A p-value as a table prints it: {@code p = 0.004}, {@code p < 0.001}, or {@code p = –} when undefined. */
    public static String describeP(double p) {
        if (Double.isNaN(p)) {
            return "p = –";
        }
        return p < 0.001 ? "p < 0.001" : String.format(Locale.ROOT, "p = %.3f", p);
    }
}
