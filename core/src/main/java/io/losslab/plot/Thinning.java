package io.losslab.plot;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Keeps figures light enough for a browser: which points of a large set to draw. The sample is
 * seeded, so the same data always gives the same picture.
 */
final class Thinning {

    /** The most points a scatter figure draws. */
    static final int MAX_POINTS = 50_000;

    private static final long SEED = 20_240_501L;

    private Thinning() {
    }

    /** All indices {@code 0..n-1} if {@code n <= max}, else {@code max} of them chosen at random, ascending. */
    static int[] sample(int n, int max) {
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        if (n <= max) {
            return all;
        }
        // A partial Fisher–Yates shuffle: the first max slots end up a uniform sample.
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < max; i++) {
            int j = i + random.nextInt(n - i);
            int swap = all[i];
            all[i] = all[j];
            all[j] = swap;
        }
        int[] chosen = Arrays.copyOf(all, max);
        Arrays.sort(chosen);
        return chosen;
    }

    /** {@code max} indices evenly spread over {@code 0..n-1}, first and last included, or all of them. */
    static int[] evenly(int n, int max) {
        if (n <= max) {
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            return all;
        }
        int[] chosen = new int[max];
        Arrays.setAll(chosen, i -> (int) Math.round(i * (n - 1.0) / (max - 1.0)));
        return chosen;
    }

    /** The note a thinned figure carries, e.g. "showing 50,000 of 120,000 points (seeded random sample)". */
    static String note(int shown, int total, String what) {
        return "showing " + Labels.count(shown) + " of " + Labels.count(total) + " " + what;
    }
}
