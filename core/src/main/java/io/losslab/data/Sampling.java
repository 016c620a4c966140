package io.losslab.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Seeded per-class sampling shared by the long-tail and split constructions. */
final class Sampling {

    private Sampling() {
    }

    /**
     * The example indices of each class, each class's list shuffled by one generator seeded with
     * {@code seed}, class after class, so that the same seed always gives the same lists.
     */
    static int[][] shuffledByClass(LabeledData data, long seed) {
        long[] counts = data.classCounts();
        int[][] byClass = new int[counts.length][];
        int[] filled = new int[counts.length];
        for (int k = 0; k < counts.length; k++) {
            byClass[k] = new int[(int) counts[k]];
        }
        for (int i = 0; i < data.size(); i++) {
            int k = data.label(i);
            byClass[k][filled[k]++] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int[] indices : byClass) {
            shuffle(indices, random);
        }
        return byClass;
    }

    /** Fisher–Yates, in place. */
    static void shuffle(int[] values, SplittableRandom random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }

    /** The given index ranges of every class's list, joined and sorted so the data keeps its order. */
    static int[] take(int[][] byClass, int[] from, int[] to) {
        int total = 0;
        for (int k = 0; k < byClass.length; k++) {
            total += to[k] - from[k];
        }
        int[] selected = new int[total];
        int filled = 0;
        for (int k = 0; k < byClass.length; k++) {
            System.arraycopy(byClass[k], from[k], selected, filled, to[k] - from[k]);
            filled += to[k] - from[k];
        }
        Arrays.sort(selected);
        return selected;
    }
}
