package io.losslab.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.losslab.experiment.ComparisonTable;
import io.losslab.experiment.SweepCell;
import io.losslab.experiment.SweepTable;
import io.losslab.plot.Figure;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code %%compare} as a sweep — seeds, ratios, ranges, cluster — on the bundled digits. */
class CompareSweepTest {

    private final MagicRegistry magics = MagicRegistry.standard();
    private final RecordingContext context = new RecordingContext();

    @BeforeEach
    void digitsSplit() throws Exception {
        context.loadDigitsSplit(magics);
    }

    @Test
    void seedsAndARangeGiveASweepTableWithOneProgressBar() throws Exception {
        RichText shown = (RichText) magics.run("compare", List.of("digitsSplit", "as", "digitsSweep"), """
                model = linear
                epochs = 1
                lr = 0.01
                seeds = 3
                ce
                logit-adjusted(tau=1..2)
                """, context);
        SweepTable table = Workspace.get("digitsSweep");
        assertEquals(List.of("ce", "logit-adjusted(tau=1)", "logit-adjusted(tau=2)"), table.contenders());
        assertEquals(9, table.results().size());
        assertEquals(List.of(0L, 1L, 2L), table.seeds(), "seeds start at the cell's seed, 0 unless given");
        assertEquals(List.of(SweepCell.AS_GIVEN), table.ratios());
        assertTrue(shown.text().contains(" ± ") && shown.text().contains("vs ce") && shown.text().contains("9 of 9 runs"),
                shown.text());
        assertTrue(shown.html().contains("<table class=\"losslab-sweep\">"), shown.html());
        List<RichText> bars = context.displayed.stream().filter(d -> d instanceof RichText t && t.text().contains("sweep:"))
                .map(RichText.class::cast).toList();
        assertEquals(1, bars.size(), "one bar for the whole sweep: " + context.displayed);
        assertTrue(bars.get(0).text().contains("9/9"), bars.get(0).text());
        assertEquals(2, context.displayed.stream().filter(Figure.class::isInstance).count(), "recall bands and shot bars");
    }

    @Test
    void ratiosMakeTheTrainingSetLongTailedFirst() throws Exception {
        magics.run("compare", List.of("digitsSplit", "as", "digitsRatios"), """
                model = linear
                epochs = 1
                ratios = 2, 5
                cluster = local
                ce
                """, context);
        SweepTable table = Workspace.get("digitsRatios");
        assertEquals(List.of(2.0, 5.0), table.ratios());
        long[] counts = table.trainingCounts(5);
        assertEquals(counts[0], 5 * counts[counts.length - 1], 1, "ρ = 5: the last class keeps a fifth of the first");
        assertEquals(4, context.displayed.stream().filter(Figure.class::isInstance).count(), "two figures per ρ");
    }

    @Test
    void withoutSweepLinesARangeStaysAPlainComparison() throws Exception {
        magics.run("compare", List.of("digitsSplit", "as", "digitsPlain"), """
                model = linear
                epochs = 1
                focal(gamma=1..2)
                """, context);
        ComparisonTable table = Workspace.get("digitsPlain");
        assertEquals(List.of("focal(gamma=1)", "focal(gamma=2)"), table.names());
    }

    @Test
    void badSweepLinesGetOneSentence() {
        assertProblem("seeds = 0 must be at least 1", "seeds = 0\nce");
        assertProblem("seeds = many is not a whole number", "seeds = many\nce");
        assertProblem("option 'seeds' is given twice (the second time as seeds = 3); keep one", "seeds = 2\nseeds = 3\nce");
        assertProblem("ratios = x is not a number", "ratios = 10, x\nce");
        assertProblem("ratios must be finite ratios n_max / n_min of at least 1, but has 0.5", "ratios = 0.5\nce");
        assertProblem("cluster must be local, local[N], local[*] or spark://host:port, but is 'moon'", "cluster = moon\nce");
        assertProblem("'focal(gamma=2..1)': gamma=2..1 is empty: a range runs upward, from gamma=1..2", "focal(gamma=2..1)");
        MagicUsageException spark = assertThrows(MagicUsageException.class, () -> magics.run("compare",
                List.of("digitsSplit"), "cluster = spark://host:7077\nce", context));
        assertTrue(spark.getMessage().contains("losslab-spark"), spark.getMessage());
        MagicUsageException tribuo = assertThrows(MagicUsageException.class, () -> magics.run("compare",
                List.of("digitsSplit"), "seeds = 2\nce\ntribuo ce", context));
        assertTrue(tribuo.getMessage().contains("its own seed"), tribuo.getMessage());
        assertTrue(context.displayed.isEmpty(), "nothing is shown or trained: " + context.displayed);
    }

    private void assertProblem(String sentence, String body) {
        MagicUsageException e = assertThrows(MagicUsageException.class,
                () -> magics.run("compare", List.of("digitsSplit"), "model = linear\n" + body, context));
        assertEquals(sentence + "\n%losslab help compare shows its usage.", e.getMessage());
    }
}
