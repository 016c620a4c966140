package io.losslab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.losslab.experiment.SweepCell;
import io.losslab.experiment.SweepResult;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Spark runner on a real standalone cluster on the loopback interface: a master and two
 * workers of one core each, JVMs of their own started from Spark's jars. The worker is killed
 * last, so the tests run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterTest {

    private static final List<SweepCell> CELLS = SmallSweep.cells(2);
    private static Map<SweepCell, SweepResult> local;
    private static LocalSparkCluster cluster;
    private static SparkRunner runner;

    @BeforeAll
    static void startCluster() throws Exception {
        local = SmallSweep.local(CELLS);
        cluster = LocalSparkCluster.start(Path.of(System.getProperty("losslab.sparkHome")), 2, 1,
                Path.of("target", "standalone-cluster-test"));
        runner = new SparkRunner(cluster.masterUrl());
    }

    @AfterAll
    static void stopCluster() throws InterruptedException {
        try {
            if (runner != null) {
                runner.close();
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
        List<String> left = ProcessHandle.current().descendants()
                .map(process -> process.info().commandLine().orElse("pid " + process.pid()))
                .filter(command -> command.contains("org.apache.spark"))
                .toList();
        assertEquals(List.of(), left, "Spark processes still running after the cluster was closed");
    }

    @Test
    @Order(1)
    void theClusterGivesTheLocalRunnersResultsRunForRun() {
        SmallSweep.assertSameRuns(local, SmallSweep.run(runner, CELLS));
    }

    @Test
    @Order(2)
    void anInterruptedSweepKeepsWhatFinishedAndCancelsTheRest() throws InterruptedException {
        Map<SweepCell, SweepResult> kept = new HashMap<>();
        runner.run(SmallSweep.JOB, CELLS, result -> {
            kept.put(result.cell(), result);
            Thread.currentThread().interrupt();
        }, SmallSweep::failOn);

        assertTrue(Thread.interrupted(), "the run returns with the thread's interrupt flag set");
        assertEquals(1, kept.size(), "the result handed over before the interrupt");
        kept.forEach((cell, result) -> assertEquals(local.get(cell), result, "run " + cell));
        awaitNoActiveJobs();
    }

    @Test
    @Order(3)
    void aSweepSurvivesAWorkerKilledHalfway() throws Exception {
        Map<SweepCell, SweepResult> results = new HashMap<>();
        runner.run(SmallSweep.JOB, CELLS, result -> {
            if (results.isEmpty()) {
                killFirstWorker();
            }
            results.put(result.cell(), result);
        }, SmallSweep::failOn);

        SmallSweep.assertSameRuns(local, results);
        assertEquals(1, cluster.aliveWorkers(), "the master lost the killed worker");
    }

    private static void killFirstWorker() {
        try {
            cluster.killWorker(0);
        } catch (InterruptedException e) {
            throw new AssertionError("interrupted while killing a worker", e);
        }
    }

    /** The cancelled jobs end; waits at most a minute for Spark to see them off. */
    private static void awaitNoActiveJobs() throws InterruptedException {
        SparkContext spark = SparkContext.getOrCreate();
        for (int i = 0; i < 600 && spark.statusTracker().getActiveJobIds().length > 0; i++) {
            Thread.sleep(100);
        }
        assertEquals(0, spark.statusTracker().getActiveJobIds().length, "active Spark jobs after the interrupt");
    }
}
