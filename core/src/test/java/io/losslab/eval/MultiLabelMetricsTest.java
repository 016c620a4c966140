package io.losslab.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.losslab.data.MultiLabelPredictions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Multi-label metrics against counts worked out by hand. */
class MultiLabelMetricsTest {

    private static final double EPS = 1e-12;
    private static final List<String> NAMES = List.of("a", "b", "c");

    /*
     * Four examples, three labels:
     *   truth       predicted
     *   a b .       a . .        a: tp 2, fp 1, fn 0 -> P 2/3, R 1,   F1 4/5
     *   a . .       a . c        b: tp 1, fp 0, fn 2 -> P 1,   R 1/3, F1 1/2
     *   . b .       . b .        c: tp 0, fp 1, fn 0 -> P 0,   R NaN, F1 0
     *   . b .       a . .        pooled: tp 3, fp 2, fn 2 -> micro-F1 6/10
     */
    private static final boolean[][] TRUTH = {
        {true, true, false}, {true, false, false}, {false, true, false}, {false, true, false}};
    private static final boolean[][] PREDICTED = {
        {true, false, false}, {true, false, true}, {false, true, false}, {true, false, false}};

    @Test
    void perLabelAndAveragedMetrics() {
        MultiLabelMetrics m = MultiLabelMetrics.of(MultiLabelPredictions.of(TRUTH, PREDICTED, NAMES));
        assertArrayEquals(new double[] {2.0 / 3, 1, 0}, m.precision(), EPS);
        assertEquals(1, m.recall()[0], EPS);
        assertEquals(1.0 / 3, m.recall()[1], EPS);
        assertTrue(Double.isNaN(m.recall()[2]), "no example has c");
        assertArrayEquals(new double[] {0.8, 0.5, 0}, m.f1(), EPS);
        assertEquals((0.8 + 0.5) / 3, m.macroF1(), EPS);
        assertEquals(0.6, m.microF1(), EPS);
        assertEquals(0.25, m.subsetAccuracy(), EPS, "only the third example is exactly right");
        assertArrayEquals(new long[] {2, 3, 0}, m.support());
        assertArrayEquals(new long[] {3, 1, 1}, m.predictedCounts());
        assertEquals(0.5, m.f1("b"), EPS);
        assertEquals(NAMES, m.labelNames());
    }

    @Test
    void aLabelNeitherPresentNorPredictedCountsAsZero() {
        boolean[][] truth = {{true, false}};
        boolean[][] predicted = {{true, false}};
        MultiLabelMetrics m = MultiLabelMetrics.of(MultiLabelPredictions.of(truth, predicted, List.of("x", "y")));
        assertArrayEquals(new double[] {1, 0}, m.f1(), EPS);
        assertEquals(0.5, m.macroF1(), EPS);
        assertEquals(1, m.microF1(), EPS);
        assertTrue(Double.isNaN(m.precision()[1]) && Double.isNaN(m.recall()[1]));
        assertEquals(1, m.subsetAccuracy(), EPS);
    }

    @Test
    void summaryNamesEveryLabel() {
        String text = MultiLabelMetrics.of(MultiLabelPredictions.of(TRUTH, PREDICTED, NAMES)).toString();
        assertTrue(text.startsWith("macro-F1 0.4333, micro-F1 0.6000, subset accuracy 0.2500, 4 examples"), text);
        assertTrue(text.contains("c") && text.contains("–"), text);
    }

    @Test
    void anUnknownLabelIsRefused() {
        MultiLabelMetrics m = MultiLabelMetrics.of(MultiLabelPredictions.of(TRUTH, PREDICTED, NAMES));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.f1("d"));
        assertTrue(e.getMessage().contains("no label 'd'"), e.getMessage());
    }
}
