package io.losslab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.losslab.experiment.SweepCell;
import io.losslab.experiment.SweepResult;
import io.losslab.experiment.SweepRunner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The Spark runner in Spark's local mode, and what it says to a cluster value it cannot use. */
class SparkRunnerTest {

    private static final SparkRunner LOCAL_MODE = new SparkRunner("local[2]");

    @AfterAll
    static void stopSpark() {
        LOCAL_MODE.close();
    }

    @Test
    void localModeGivesTheLocalRunnersResultsRunForRun() {
        List<SweepCell> cells = SmallSweep.cells(2);
        SmallSweep.assertSameRuns(SmallSweep.local(cells), SmallSweep.run(LOCAL_MODE, cells));
    }

    @Test
    void aFailingCellCostsOnlyItself() {
        SweepCell unknown = new SweepCell("dice", 10, 0);
        List<SweepCell> cells = new ArrayList<>(SmallSweep.cells(1));
        cells.add(unknown);
        Map<SweepCell, SweepResult> results = new HashMap<>();
        Map<SweepCell, String> failures = new HashMap<>();
        LOCAL_MODE.run(SmallSweep.JOB, cells, result -> results.put(result.cell(), result), failures::put);

        SmallSweep.assertSameRuns(SmallSweep.local(SmallSweep.cells(1)), results);
        assertEquals(List.of(unknown), List.copyOf(failures.keySet()));
        assertTrue(failures.get(unknown).contains("names no contender"), failures.get(unknown));
    }

    @Test
    void clusterValuesReachTheSparkRunnerThroughTheServiceLoader() {
        assertInstanceOf(SparkRunner.class, SweepRunner.forCluster("local[*]"));
        assertInstanceOf(SparkRunner.class, SweepRunner.forCluster("spark://127.0.0.1:7077"));
    }

    @Test
    void aMalformedMasterIsRefusedInOneSentence() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> SweepRunner.forCluster("spark://no-port"));
        assertEquals("cluster must be local[N], local[*] or spark://host:port, but is 'spark://no-port'", refused.getMessage());
    }

    @Test
    void anUnreachableMasterIsRefusedInOneSentence() {
        String master = "spark://127.0.0.1:" + LocalSparkCluster.freePort();
        try (SparkRunner unreachable = new SparkRunner(master)) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> unreachable.run(SmallSweep.JOB, SmallSweep.cells(1), result -> { }, SmallSweep::failOn));
            String message = refused.getMessage();
            assertTrue(message.startsWith("cluster " + master + " is unreachable"), message);
            assertEquals(1, message.split("\\. ").length, "one sentence: " + message);
            assertTrue(message.endsWith("."), message);
        }
    }
}
