package io.losslab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.losslab.data.DataSplits;
import io.losslab.data.GaussianClasses;
import io.losslab.data.ShotThresholds;
import io.losslab.train.NdTrainer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The runner contract on a small three-class Gaussian set: the local runner gives, run for run,
 * what running the cells one after another gives; a failing cell costs only itself; an
 * interrupted sweep keeps what finished; the job survives serialization.
 */
class SweepRunnerTest {

    private static final GaussianClasses CLASSES = GaussianClasses.isotropic(
            new double[][] {{0, 0}, {2, 0}, {0, 2}}, 1.0, new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3});
    private static final DataSplits BALANCED = DataSplits.of(CLASSES.sample(new long[] {400, 400, 400}, 1),
            CLASSES.sample(new long[] {300, 300, 300}, 2));
    /** A hidden layer, so that the runs on two threads at once go through ND4J's matrix products and activations. */
    private static final NdTrainer MLP = NdTrainer.builder().hiddenSizes(16).adam(0.05).epochs(2).batchSize(64).build();
    static final SweepJob JOB = SweepJob.of(MLP, List.of(Contender.loss("ce"), Contender.loss("logit-adjusted(tau=1)"),
            Contender.postHoc("ce", 1)), BALANCED, ShotThresholds.DEFAULT);

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    static List<SweepCell> cells(List<String> contenders, double[] ratios, int seeds) {
        List<SweepCell> cells = new ArrayList<>();
        for (double rho : ratios) {
            for (String contender : contenders) {
                for (long seed = 0; seed < seeds; seed++) {
                    cells.add(new SweepCell(contender, rho, seed));
                }
            }
        }
        return cells;
    }

    @Test
    void localRunnerGivesWhatRunningTheCellsInTurnGives() {
        List<SweepCell> cells = cells(JOB.contenders(), new double[] {SweepCell.AS_GIVEN, 10}, 2);
        Map<SweepCell, SweepResult> sequential = new LinkedHashMap<>();
        cells.forEach(cell -> sequential.put(cell, JOB.run(cell)));
        Map<SweepCell, SweepResult> parallel = new LinkedHashMap<>();
        Set<Thread> callbackThreads = new HashSet<>();
        new LocalSweepRunner(2).run(JOB, cells, result -> {
            callbackThreads.add(Thread.currentThread());
            parallel.put(result.cell(), result);
        }, (cell, reason) -> {
            throw new AssertionError(cell + " failed: " + reason);
        });

        assertEquals(sequential.keySet(), parallel.keySet());
        cells.forEach(cell -> assertEquals(sequential.get(cell), parallel.get(cell), "run " + cell));
        assertEquals(Set.of(Thread.currentThread()), callbackThreads, "results come back on the calling thread");
        assertNotEquals(sequential.get(cells.get(0)).metrics(), sequential.get(cells.get(1)).metrics(),
                "another seed is another run");
        long[] tailed = sequential.get(new SweepCell("ce", 10, 0)).metrics().trainingCounts();
        assertEquals(400, tailed[0]);
        assertEquals(40, tailed[2], "ρ = 10 keeps a tenth of the last class");
    }

    @Test
    void aFailingCellCostsOnlyItself() {
        List<SweepCell> cells = List.of(new SweepCell("ce", SweepCell.AS_GIVEN, 0), new SweepCell("focal", SweepCell.AS_GIVEN, 0),
                new SweepCell("ce", 1000, 0), new SweepCell("ce", SweepCell.AS_GIVEN, 1));
        List<SweepResult> finished = new ArrayList<>();
        Map<SweepCell, String> failed = new LinkedHashMap<>();
        new LocalSweepRunner(2).run(JOB, cells, finished::add, failed::put);

        assertEquals(Set.of(cells.get(0), cells.get(3)), Set.copyOf(finished.stream().map(SweepResult::cell).toList()));
        assertEquals(Set.of(cells.get(1), cells.get(2)), failed.keySet());
        assertTrue(failed.get(cells.get(1)).contains("names no contender"), failed.get(cells.get(1)));
        assertTrue(failed.get(cells.get(2)).contains("asks for 0 examples"), failed.get(cells.get(2)));
    }

    @Test
    void anInterruptedSweepKeepsWhatFinishedAndStops() {
        List<SweepCell> cells = cells(List.of("ce"), new double[] {SweepCell.AS_GIVEN}, 12);
        List<SweepResult> finished = new ArrayList<>();
        new LocalSweepRunner(1).run(JOB, cells, result -> {
            finished.add(result);
            Thread.currentThread().interrupt();
        }, (cell, reason) -> {
            throw new AssertionError(cell + " failed: " + reason);
        });

        assertTrue(Thread.interrupted(), "the interrupt stays set for the caller");
        assertEquals(1, finished.size(), "no result is handed over after the interrupt");
        assertEquals(JOB.run(finished.get(0).cell()), finished.get(0));
    }

    @Test
    void aJobSurvivesSerializationAndRunsTheSame() throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(JOB);
        }
        SweepJob copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (SweepJob) in.readObject();
        }
        SweepCell cell = new SweepCell("ce + post-hoc τ=1", 10, 3);
        assertEquals(JOB.run(cell), copy.run(cell));
        assertEquals(JOB.contenders(), copy.contenders());
    }

    @Test
    void resultsAreEqualWhateverTheirSeconds() {
        SweepResult result = JOB.run(new SweepCell("ce", SweepCell.AS_GIVEN, 0));
        assertEquals(result, new SweepResult(result.cell(), result.metrics(), result.seconds() + 5));
        assertNotEquals(result, new SweepResult(new SweepCell("ce", SweepCell.AS_GIVEN, 1), result.metrics(), result.seconds()));
    }

    @Test
    void clusterValuesFindTheirRunnerOrSayWhatIsMissing() {
        assertInstanceOf(LocalSweepRunner.class, SweepRunner.forCluster("local"));
        IllegalArgumentException spark = assertThrows(IllegalArgumentException.class,
                () -> SweepRunner.forCluster("spark://host:7077"));
        assertTrue(spark.getMessage().contains("losslab-spark"), spark.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> SweepRunner.forCluster("moon"));
        assertTrue(unknown.getMessage().contains("'moon'"), unknown.getMessage());
    }

    @Test
    void badCellsAndJobsAreRefusedInOneSentence() {
        IllegalArgumentException rho = assertThrows(IllegalArgumentException.class, () -> new SweepCell("ce", 0.5, 0));
        assertTrue(rho.getMessage().contains("0.5"), rho.getMessage());
        IllegalArgumentException threads = assertThrows(IllegalArgumentException.class, () -> new LocalSweepRunner(0));
        assertTrue(threads.getMessage().contains("threads"), threads.getMessage());
        IllegalArgumentException tribuo = assertThrows(IllegalArgumentException.class, () -> SweepJob.of(MLP,
                List.of(Contender.tribuoLinear("ce")), BALANCED, ShotThresholds.DEFAULT));
        assertTrue(tribuo.getMessage().contains("tribuo-linear ce"), tribuo.getMessage());
        assertEquals("local, 2 threads", new LocalSweepRunner(2).describe());
    }
}
