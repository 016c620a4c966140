package io.losslab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.losslab.data.DataSplits;
import io.losslab.data.GaussianClasses;
import io.losslab.data.ShotThresholds;
import io.losslab.experiment.Contender;
import io.losslab.experiment.LocalSweepRunner;
import io.losslab.experiment.SweepCell;
import io.losslab.experiment.SweepJob;
import io.losslab.experiment.SweepResult;
import io.losslab.experiment.SweepRunner;
import io.losslab.train.NdTrainer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A sweep that runs in seconds (a three-class Gaussian set, a linear model), and what the local runner makes of it. */
final class SmallSweep {

    private static final GaussianClasses CLASSES = GaussianClasses.isotropic(
            new double[][] {{0, 0}, {2, 0}, {0, 2}}, 1.0, new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3});
    private static final DataSplits DATA = DataSplits.of(CLASSES.sample(new long[] {600, 600, 600}, 1),
            CLASSES.sample(new long[] {300, 300, 300}, 2));
    private static final NdTrainer LINEAR = NdTrainer.builder().adam(0.05).epochs(3).batchSize(32).build();

    static final SweepJob JOB = SweepJob.of(LINEAR, List.of(Contender.loss("ce"), Contender.loss("focal(gamma=2)")),
            DATA, ShotThresholds.DEFAULT);

    private SmallSweep() {
    }

    /** Both losses, at ρ = 10, with seeds 0 to {@code seeds - 1}. */
    static List<SweepCell> cells(int seeds) {
        List<SweepCell> cells = new ArrayList<>();
        for (String contender : JOB.contenders()) {
            for (long seed = 0; seed < seeds; seed++) {
                cells.add(new SweepCell(contender, 10, seed));
            }
        }
        return cells;
    }

    /** Runs the cells on {@code runner}, failing the test on a failed cell. */
    static Map<SweepCell, SweepResult> run(SweepRunner runner, List<SweepCell> cells) {
        Map<SweepCell, SweepResult> results = new HashMap<>();
        runner.run(JOB, cells, result -> results.put(result.cell(), result), SmallSweep::failOn);
        return results;
    }

    /** What the local runner, on two threads, gives for these cells. */
    static Map<SweepCell, SweepResult> local(List<SweepCell> cells) {
        return run(new LocalSweepRunner(2), cells);
    }

    /** Every cell came back, each equal to the local runner's result. */
    static void assertSameRuns(Map<SweepCell, SweepResult> expected, Map<SweepCell, SweepResult> actual) {
        assertEquals(expected.keySet(), actual.keySet(), "the cells that came back");
        expected.forEach((cell, result) -> assertEquals(result, actual.get(cell), "run " + cell));
    }

    static void failOn(SweepCell cell, String reason) {
        throw new AssertionError(cell + " failed: " + reason);
    }
}
