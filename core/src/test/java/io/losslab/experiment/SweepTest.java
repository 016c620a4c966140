package io.losslab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.losslab.data.DataSplits;
import io.losslab.data.GaussianClasses;
import io.losslab.data.ShotThresholds;
import io.losslab.eval.ConfidenceInterval;
import io.losslab.eval.PairedTTest;
import io.losslab.train.NdTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sweeps on a small three-class Gaussian set: the grid, the table's means, intervals and paired
 * tests computed from the runs it keeps, the marks, and what failures and interruptions leave.
 */
class SweepTest {

    private static final GaussianClasses CLASSES = GaussianClasses.isotropic(
            new double[][] {{0, 0}, {2, 0}, {0, 2}}, 1.0, new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3});
    private static final DataSplits BALANCED = DataSplits.of(CLASSES.sample(new long[] {400, 400, 400}, 1),
            CLASSES.sample(new long[] {300, 300, 300}, 2));
    private static final NdTrainer LINEAR = NdTrainer.builder().adam(0.05).epochs(2).batchSize(64).seed(7).build();

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void theGridIsContendersTimesRatiosTimesSeedsFromTheTrainersSeed() {
        Sweep sweep = Sweep.builder(LINEAR).losses("ce", "focal(gamma=1..2)").ratios(10, 100).seeds(3).build();
        assertEquals(List.of("ce", "focal(gamma=1)", "focal(gamma=2)"), sweep.contenders());
        List<SweepCell> cells = sweep.cells();
        assertEquals(3 * 2 * 3, cells.size());
        assertEquals(List.of(new SweepCell("ce", 10, 7), new SweepCell("focal(gamma=1)", 10, 7),
                new SweepCell("focal(gamma=2)", 10, 7), new SweepCell("ce", 10, 8)), cells.subList(0, 4));
        assertEquals(new SweepCell("focal(gamma=2)", 100, 9), cells.get(cells.size() - 1));
        assertEquals(List.of(new SweepCell("ce", SweepCell.AS_GIVEN, 7)), Sweep.builder(LINEAR).losses("ce").build().cells(),
                "one seed and no ratio: one run on the training set as given");
    }

    @Test
    void theTableSummarisesTheRunsItKeeps() {
        SweepTable table = Sweep.builder(LINEAR).losses("ce", "logit-adjusted(tau=1)").ratios(10).seeds(3)
                .runner(new LocalSweepRunner(2)).build().run(BALANCED);

        assertEquals(6, table.results().size());
        assertFalse(table.interrupted());
        List<SweepResult> ce = table.results("ce", 10);
        List<SweepResult> adjusted = table.results("logit-adjusted(tau=1)", 10);
        assertEquals(List.of(7L, 8L, 9L), ce.stream().map(r -> r.cell().seed()).toList());
        SweepRow row = table.row("logit-adjusted(tau=1)");
        double[] balanced = adjusted.stream().mapToDouble(r -> r.metrics().balancedAccuracy()).toArray();
        assertEquals(ConfidenceInterval.of95(balanced), row.interval(SweepMetric.BALANCED_ACCURACY));
        assertEquals(PairedTTest.of(balanced, ce.stream().mapToDouble(r -> r.metrics().balancedAccuracy()).toArray()),
                row.versusBaseline());
        assertNull(table.row("ce").versusBaseline(), "the baseline is not tested against itself");
        assertEquals(3, row.runs());
        assertEquals(List.of(400L, 126L, 40L), java.util.Arrays.stream(table.trainingCounts(10)).boxed().toList());

        ConfidenceInterval[] recall = table.recallIntervals(10).get("ce");
        assertEquals(ConfidenceInterval.of95(ce.stream().mapToDouble(r -> r.metrics().recall()[2]).toArray()), recall[2]);

        String text = table.toString();
        assertTrue(text.contains(row.interval(SweepMetric.BALANCED_ACCURACY).toString()), text);
        assertTrue(text.contains("vs ce") && text.contains("6 of 6 runs finished") && text.contains("3 seeds (7–9)"), text);
        assertTrue(table.toHtml().contains("<th>ρ</th>") && table.toHtml().contains(" ± "), table.toHtml());
    }

    @Test
    void marksFollowThePairedTestOnTheSameSeeds() {
        // Seeds move every contender a lot; "better" gains 0.02 on each, "noisy" wins some and loses some.
        double[] ce = {0.60, 0.80, 0.50, 0.90, 0.70};
        double[] shift = {0.020, 0.022, 0.018, 0.021, 0.019};
        double[] wobble = {0.03, -0.02, 0.01, -0.03, 0.015};
        List<SweepResult> results = new ArrayList<>();
        for (int s = 0; s < ce.length; s++) {
            results.add(result("ce", s, ce[s]));
            results.add(result("better", s, ce[s] + shift[s]));
            results.add(result("worse", s, ce[s] - shift[s]));
            results.add(result("noisy", s, ce[s] + wobble[s]));
        }
        SweepTable table = new SweepTable("constructed", "by hand", List.of("a", "b"), ShotThresholds.DEFAULT,
                List.of("ce", "better", "worse", "noisy"), List.of(SweepCell.AS_GIVEN), List.of(0L, 1L, 2L, 3L, 4L), "ce",
                results, Map.of(), false);

        assertTrue(table.row("better").significantlyBetter());
        assertTrue(table.row("worse").significantlyWorse());
        assertFalse(table.row("noisy").significantlyBetter() || table.row("noisy").significantlyWorse());
        assertTrue(table.row("better").interval(SweepMetric.BALANCED_ACCURACY).lower()
                < table.row("ce").interval(SweepMetric.BALANCED_ACCURACY).upper(), "the intervals alone overlap");
        String text = table.toString();
        assertTrue(text.lines().anyMatch(l -> l.startsWith("better") && l.contains("▲")), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("worse") && l.contains("▼")), text);
        assertTrue(text.lines().noneMatch(l -> l.startsWith("noisy") && (l.contains("▲") || l.contains("▼"))), text);
    }

    private static SweepResult result(String contender, long seed, double balancedAccuracy) {
        return new SweepResult(new SweepCell(contender, SweepCell.AS_GIVEN, seed), new RunMetrics(balancedAccuracy,
                balancedAccuracy, balancedAccuracy, balancedAccuracy, balancedAccuracy, Double.NaN, 0.1,
                new double[] {balancedAccuracy, balancedAccuracy}, new long[] {100, 50}), 1);
    }

    @Test
    void failedRunsAreReportedAndTheFinishedOnesKept() {
        SweepTable table = Sweep.builder(LINEAR).losses("ce").ratios(10, 1000).seeds(2).runner(new LocalSweepRunner(2))
                .build().run(BALANCED);
        assertEquals(2, table.results().size());
        assertEquals(2, table.row("ce", 10).runs());
        assertEquals(0, table.row("ce", 1000).runs());
        assertEquals(2, table.failures().size());
        assertTrue(table.failures().get(new SweepCell("ce", 1000, 7)).contains("asks for 0 examples"));
        String text = table.toString();
        assertTrue(text.contains("2 of 4 runs finished") && text.contains("run ce, ρ = 1000, seed 8 failed: "), text);
    }

    @Test
    void anInterruptedSweepSummarisesWhatFinished() {
        SweepListener stopAfterTwo = new SweepListener() {
            @Override
            public void finished(SweepResult result, int done, int total) {
                if (done == 2) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        SweepTable table = Sweep.builder(LINEAR).losses("ce", "focal(gamma=2)").seeds(5).runner(new LocalSweepRunner(1))
                .listener(stopAfterTwo).build().run(BALANCED);
        assertTrue(Thread.interrupted());
        assertTrue(table.interrupted());
        assertEquals(2, table.results().size());
        assertEquals(List.of("ce", "focal(gamma=2)"), table.results().stream().map(r -> r.cell().contender()).toList(),
                "whole seeds come first");
        assertTrue(table.toString().contains("interrupted: 2 of 10 runs finished"), table.toString());
    }

    @Test
    void badSweepsAreRefusedInOneSentence() {
        assertRefused(() -> Sweep.builder(LINEAR).seeds(0), "seeds must be at least 1, but is 0");
        assertRefused(() -> Sweep.builder(LINEAR).ratios(0.5), "0.5");
        assertRefused(() -> Sweep.builder(LINEAR).ratios(10, 10), "must not repeat");
        assertRefused(() -> Sweep.builder(LINEAR).losses("focal(gamma=2..1)"), "is empty");
        assertRefused(() -> Sweep.builder(LINEAR).build(), "at least one loss");
        assertRefused(() -> Sweep.builder(LINEAR).losses("ce", "ce").build(), "two contenders are named 'ce'");
        assertRefused(() -> Sweep.builder(LINEAR).add(Contender.tribuoLinear("ce")).build(), "its own seed");
        assertRefused(() -> Sweep.builder(LINEAR).add(Contender.trained("ready", test -> null)).build(),
                "'ready' is trained outside the sweep's trainer");
        assertRefused(() -> Sweep.builder(LINEAR).losses("focal(gamma=0..19)", "ce").ratios(1, 2, 3, 4, 5, 6).seeds(10)
                .build(), "plans 1260 runs");
    }

    private static void assertRefused(Runnable bad, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad::run);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
