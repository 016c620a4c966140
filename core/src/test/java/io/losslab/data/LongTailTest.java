package io.losslab.data;

import static io.losslab.data.TestFiles.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Long-tail counts checked exactly. The expected counts were computed independently with 60-digit
 * arithmetic (mpmath): floor(n_max · ρ^(-k/(K-1))).
 */
class LongTailTest {

    @Test
    void exponentialCounts() {
        assertArrayEquals(new long[] {6000, 3596, 2156, 1292, 774, 464, 278, 166, 100, 60},
                LongTail.exponential(100).targetCounts(10, 6000));
        assertArrayEquals(new long[] {500, 188, 70, 26, 10}, LongTail.exponential(50).targetCounts(5, 500));
    }

    @Test
    void wholeNumbersAreNotRoundedDown() {
        // 686 · 49^(-1) is 14 exactly, but in floating point it comes out as 13.999999999999998.
        assertArrayEquals(new long[] {686, 14}, LongTail.exponential(49).targetCounts(2, 686));
        assertArrayEquals(new long[] {5000, 3871, 2997, 2320, 1796, 1391, 1077, 834, 645, 500},
                LongTail.exponential(10).targetCounts(10, 5000));
    }

    @Test
    void stepCounts() {
        assertArrayEquals(new long[] {1000, 1000, 1000, 100, 100, 100}, LongTail.step(10).targetCounts(6, 1000));
        assertArrayEquals(new long[] {1000, 1000, 1000, 1000, 333},
                LongTail.step(3).minorityFraction(0.2).targetCounts(5, 1000));
    }

    @Test
    void classOrderDecidesWhoIsRare() {
        assertArrayEquals(new long[] {10, 70, 500, 188, 26},
                LongTail.exponential(50).classOrder(2, 3, 1, 4, 0).targetCounts(5, 500));
    }

    @Test
    void appliedToDataWithExactCountsAndABalancedTestSet() {
        DataSplits splits = balancedSplits(5, 40, 10);
        DataSplits longTailed = LongTail.exponential(8).apply(splits, 3);
        assertArrayEquals(LongTail.exponential(8).targetCounts(5, 40), longTailed.train().classCounts());
        assertArrayEquals(new long[] {40, 23, 14, 8, 5}, longTailed.train().classCounts());
        assertArrayEquals(new long[] {10, 10, 10, 10, 10}, longTailed.test().classCounts(), "the test set stays balanced");
        assertEquals(8.0, longTailed.train().stats().imbalanceRatio());
        assertTrue(longTailed.train().source().contains("exponential long tail with ρ = 8"));
    }

    @Test
    void seededAndReproducible() {
        LabeledData train = balancedSplits(4, 100, 1).train();
        LabeledData a = LongTail.longTail(train, 10, LongTail.Profile.EXPONENTIAL, 11);
        LabeledData b = LongTail.longTail(train, 10, LongTail.Profile.EXPONENTIAL, 11);
        LabeledData c = LongTail.longTail(train, 10, LongTail.Profile.EXPONENTIAL, 12);
        assertArrayEquals(a.features().toArray(), b.features().toArray());
        assertFalse(Arrays.equals(a.features().toArray(), c.features().toArray()), "another seed, other examples");
        assertArrayEquals(a.classCounts(), c.classCounts());
        Set<Float> ids = new HashSet<>();
        for (int i = 0; i < a.size(); i++) {
            assertTrue(ids.add(a.features().get(i, 0)), "no example is taken twice");
            assertEquals(a.label(i), (int) a.features().get(i, 1), "each example keeps its own label");
        }
    }

    @Test
    void headCountSetByHand() {
        LabeledData train = balancedSplits(3, 100, 1).train();
        assertArrayEquals(new long[] {50, 22, 10},
                LongTail.exponential(5).headCount(50).apply(train, 1).classCounts());
    }

    @Test
    void rhoBelowOne() {
        assertFails(IllegalArgumentException.class, () -> LongTail.exponential(0.5), "rho", "at least 1", "0.5");
        assertFails(IllegalArgumentException.class, () -> LongTail.step(Double.NaN), "rho", "NaN");
        assertFails(IllegalArgumentException.class,
                () -> LongTail.longTail(balancedSplits(2, 5, 1).train(), 0.9, LongTail.Profile.STEP, 1), "0.9");
    }

    @Test
    void classWithTooFewExamples() {
        LabeledData train = unbalanced(new int[] {100, 80, 3});
        assertFails(IllegalArgumentException.class, () -> LongTail.exponential(4).apply(train, 1),
                "class 'c2' (index 2) has 3 examples", "asks for 25");
        assertFails(IllegalArgumentException.class, () -> LongTail.exponential(1).apply(train, 1),
                "class 'c1' (index 1) has 80 examples", "asks for 100");
    }

    @Test
    void profileThatEmptiesAClass() {
        LabeledData train = unbalanced(new int[] {59, 71, 48});
        assertFails(IllegalArgumentException.class, () -> LongTail.exponential(100).apply(train, 1),
                "asks for 0 examples of class 'c2' (index 2)", "n_max = 59 is too small for ρ = 100");
    }

    @Test
    void badOptions() {
        assertFails(IllegalArgumentException.class, () -> LongTail.exponential(2).classOrder(0, 1, 1), "[0, 1, 1]");
        assertFails(IllegalArgumentException.class,
                () -> LongTail.exponential(2).classOrder(0, 5).targetCounts(2, 10), "order of the data's 2 classes");
        assertFails(IllegalArgumentException.class,
                () -> LongTail.exponential(2).classOrder(1, 0).targetCounts(3, 10), "order of the data's 3 classes");
        assertFails(IllegalArgumentException.class, () -> LongTail.exponential(2).minorityFraction(0.5), "step profile");
        assertFails(IllegalArgumentException.class, () -> LongTail.step(2).minorityFraction(1.5), "[0, 1]", "1.5");
        assertFails(IllegalArgumentException.class, () -> LongTail.step(2).headCount(0), "headCount", "0");
    }

    /**
     * K classes with {@code train} and {@code test} examples each; feature 0 is a unique id and
     * feature 1 the label, so a test can see which examples were kept.
     */
    static DataSplits balancedSplits(int numClasses, int train, int test) {
        int[] trainCounts = new int[numClasses];
        int[] testCounts = new int[numClasses];
        Arrays.fill(trainCounts, train);
        Arrays.fill(testCounts, test);
        return new DataSplits(unbalanced(trainCounts), unbalanced(new int[numClasses]), unbalanced(testCounts));
    }

    static LabeledData unbalanced(int[] counts) {
        int total = Arrays.stream(counts).sum();
        float[][] rows = new float[total][];
        int[] labels = new int[total];
        int i = 0;
        for (int round = 0; i < total; round++) {
            for (int k = 0; k < counts.length; k++) {
                if (round < counts[k]) {
                    rows[i] = new float[] {i, k};
                    labels[i++] = k;
                }
            }
        }
        List<String> names = FeatureMatrix.numberedNames("c", 0, counts.length);
        return LabeledData.of(FeatureMatrix.of(rows, List.of("id", "label")), labels, names, "toy");
    }
}
