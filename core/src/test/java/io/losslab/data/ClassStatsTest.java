package io.losslab.data;

import static io.losslab.data.TestFiles.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Counts, prior, ρ, Gini and shot groups, checked against values worked out by hand. */
class ClassStatsTest {

    private final ClassStats stats = ClassStats.of(new long[] {500, 120, 100, 20, 19, 5},
            List.of("a", "b", "c", "d", "e", "f"));

    @Test
    void countsPriorAndRatio() {
        assertEquals(764, stats.total());
        assertEquals(6, stats.numClasses());
        assertEquals(500 / 764.0, stats.prior()[0], 1e-15);
        assertEquals(100.0, stats.imbalanceRatio());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, stats.classesByCount());
        assertArrayEquals(new int[] {2, 0, 1}, ClassStats.of(new long[] {3, 1, 7}, List.of("x", "y", "z")).classesByCount());
    }

    @Test
    void gini() {
        assertEquals(0.0, ClassStats.of(new long[] {7, 7, 7}, List.of("x", "y", "z")).gini());
        // Σ|n_i - n_j| over ordered pairs of {0, 0, 10} is 40; 40 / (2 · 3 · 10) = 2/3.
        assertEquals(2.0 / 3, ClassStats.of(new long[] {0, 10, 0}, List.of("x", "y", "z")).gini(), 1e-15);
        // {1, 3}: 2 · |1 - 3| / (2 · 2 · 4) = 1/4.
        assertEquals(0.25, ClassStats.of(new long[] {3, 1}, List.of("x", "y")).gini(), 1e-15);
        assertEquals(Double.POSITIVE_INFINITY, ClassStats.of(new long[] {0, 10, 0}, List.of("x", "y", "z"))
                .imbalanceRatio());
    }

    @Test
    void defaultShotGroups() {
        assertArrayEquals(new int[] {0, 1}, stats.classesIn(ShotGroup.MANY));
        assertArrayEquals(new int[] {2, 3}, stats.classesIn(ShotGroup.MEDIUM), "100 and 20 are both medium-shot");
        assertArrayEquals(new int[] {4, 5}, stats.classesIn(ShotGroup.FEW));
    }

    @Test
    void configurableShotGroups() {
        ClassStats regrouped = stats.withThresholds(ShotThresholds.of(200, 100));
        assertArrayEquals(new int[] {0}, regrouped.classesIn(ShotGroup.MANY));
        assertArrayEquals(new int[] {1, 2}, regrouped.classesIn(ShotGroup.MEDIUM));
        assertArrayEquals(new int[] {3, 4, 5}, regrouped.classesIn(ShotGroup.FEW));
        assertEquals(ShotGroup.FEW, regrouped.group(3));
    }

    @Test
    void table() {
        String table = stats.toString();
        assertTrue(table.startsWith("764 examples, 6 classes, ρ = 100, Gini = "), table);
        assertTrue(table.contains("a            500   0.6545  many"), table);
        assertTrue(table.contains("f              5   0.0065  few"), table);
        assertTrue(table.contains("many-shot (> 100): 2 classes, medium-shot (20–100): 2 classes, few-shot (< 20): 2 classes"),
                table);
        String single = ClassStats.of(new long[] {200, 5}, List.of("big", "small")).toString();
        assertTrue(single.contains("many-shot (> 100): 1 class, medium-shot (20–100): 0 classes, few-shot (< 20): 1 class"),
                single);
    }

    @Test
    void fromData() {
        LabeledData data = LongTailTest.unbalanced(new int[] {3, 1});
        assertArrayEquals(new long[] {3, 1}, data.stats().counts());
        assertEquals(ShotGroup.MANY, data.stats(ShotThresholds.of(2, 1)).group(0));
    }

    @Test
    void badInput() {
        assertFails(IllegalArgumentException.class, () -> ClassStats.of(new long[] {3, -1}, List.of("a", "b")),
                "counts[1] = -1");
        assertFails(IllegalArgumentException.class, () -> ClassStats.of(new long[] {3}, List.of("a", "b")), "2 names");
        assertFails(IllegalArgumentException.class, () -> ClassStats.of(new long[0], List.of()), "at least one class");
        assertFails(IllegalArgumentException.class, () -> ShotThresholds.of(10, 20), "overlap");
        assertFails(IllegalArgumentException.class, () -> ShotThresholds.of(10, -1), "fewBelow", "-1");
    }
}
