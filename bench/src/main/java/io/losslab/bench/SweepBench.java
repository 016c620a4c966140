package io.losslab.bench;

import io.losslab.data.DataSplits;
import io.losslab.data.FashionMnist;
import io.losslab.data.ShotThresholds;
import io.losslab.experiment.Contender;
import io.losslab.experiment.LocalSweepRunner;
import io.losslab.experiment.SweepCell;
import io.losslab.experiment.SweepJob;
import io.losslab.experiment.SweepResult;
import io.losslab.experiment.SweepRunner;
import io.losslab.spark.LocalSparkCluster;
import io.losslab.spark.SparkRunner;
import io.losslab.train.NdTrainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code ./losslab bench sweep}: one sweep of 12 contenders x 3 seeds on Fashion-MNIST-LT, run by
 * the local runner on 2 threads and by the Spark runner on a standalone cluster of 2 one-core
 * workers on this machine, three times each, alternating. Each sweep is timed from the first cell
 * submitted to the last result; the cluster's and Spark's start-up is timed apart. Prints every
 * round, Spark's overhead on the medians and whether every run gave the same result.
 *
 * <p>Arguments: {@code --spark-home DIR} (Spark's jars in {@code DIR/jars}), {@code --work DIR}
 * (the cluster's logs and folders).
 */
public final class SweepBench {

    private static final double RHO = 100;
    private static final int SEEDS = 3;
    private static final int WORKERS = 2;
    private static final int EPOCHS = 4;
    private static final int ROUNDS = 3;
    private static final List<String> LOSSES = List.of("ce", "weighted-ce(scheme=inverse)",
            "weighted-ce(scheme=inverse-sqrt)", "weighted-ce(scheme=effective)", "focal(gamma=1)", "focal(gamma=2)",
            "logit-adjusted(tau=0.5)", "logit-adjusted(tau=1)", "logit-adjusted(tau=2)", "balanced-softmax",
            "ldam(c=0.5)", "soft-truncation");
    private static final int HIDDEN = 256;
    private static final NdTrainer MLP = NdTrainer.builder().hiddenSizes(HIDDEN).adam(1e-3).batchSize(128).epochs(EPOCHS).build();

    private SweepBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Path sparkHome = Path.of(options.get("--spark-home"));
        Path work = Path.of(options.get("--work"));

        progress("loading Fashion-MNIST");
        DataSplits fashion = FashionMnist.load();
        List<Contender> contenders = LOSSES.stream().map(Contender::loss).toList();
        SweepJob job = SweepJob.of(MLP, contenders, fashion, ShotThresholds.DEFAULT);
        List<SweepCell> cells = cells(job);
        System.out.printf(Locale.ROOT, "sweep: %d contenders x %d seeds on Fashion-MNIST-LT (exponential, ρ = %.0f, from"
                + " %d training examples; %d test), MLP 784-%d-10, Adam 1e-3, batch 128, %d epochs%n", LOSSES.size(), SEEDS,
                RHO, fashion.train().size(), fashion.test().size(), HIDDEN, EPOCHS);
        System.out.println("BLAS, local: " + Blas.nd4j() + "; OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS"));

        LocalSweepRunner local = new LocalSweepRunner(WORKERS);
        progress("starting a standalone cluster of " + WORKERS + " one-core workers");
        long start = System.nanoTime();
        try (LocalSparkCluster cluster = LocalSparkCluster.start(sparkHome, WORKERS, 1, work);
                SparkRunner spark = new SparkRunner(cluster.masterUrl())) {
            double clusterSeconds = seconds(start);
            spark.connect();
            JavaSparkContext context = JavaSparkContext.fromSparkContext(SparkContext.getOrCreate());
            awaitExecutors(context.sc(), WORKERS);
            System.out.printf(Locale.ROOT, "start-up, not timed below: cluster %.1f s, Spark context and %d executors %.1f s%n",
                    clusterSeconds, WORKERS, seconds(start) - clusterSeconds);
            System.out.println("BLAS, executors: " + executorBlas(context));
            compare(local, spark, job, cells);
        }
    }

    /**
     * Runs the sweep {@value #ROUNDS} times on each runner, alternating so that a change in the
     * machine's load falls on both, and compares the medians. The first round of each includes
     * its JVMs' compiling of the training loop, as a user's first sweep does.
     */
    private static void compare(SweepRunner local, SweepRunner spark, SweepJob job, List<SweepCell> cells) {
        double[] localMillis = new double[ROUNDS];
        double[] sparkMillis = new double[ROUNDS];
        boolean identical = true;
        for (int round = 0; round < ROUNDS; round++) {
            progress("round " + (round + 1) + " of " + ROUNDS + ": local runner, then Spark");
            Timed onThreads = timed(local, job, cells);
            Timed onSpark = timed(spark, job, cells);
            identical &= onThreads.results().equals(onSpark.results());
            localMillis[round] = 1000 * onThreads.seconds();
            sparkMillis[round] = 1000 * onSpark.seconds();
            System.out.printf(Locale.ROOT, "round %d: local runner (%d threads) %.1f s (first result at %.1f s), training %.1f s"
                    + " summed over the runs; Spark (%d workers x 1 core) %.1f s (first result at %.1f s), training %.1f s summed%n",
                    round + 1, WORKERS, onThreads.seconds(), onThreads.firstResultSeconds(), onThreads.trainingSeconds(), WORKERS,
                    onSpark.seconds(), onSpark.firstResultSeconds(), onSpark.trainingSeconds());
        }
        double localMedian = Timing.of(localMillis).medianMs() / 1000;
        double sparkMedian = Timing.of(sparkMillis).medianMs() / 1000;
        System.out.printf(Locale.ROOT, "sweep: Spark overhead = %+.1f%% (medians of %d rounds: %.1f s vs %.1f s local),"
                + " results %s (%d runs a round)%n", 100 * (sparkMedian / localMedian - 1), ROUNDS, sparkMedian, localMedian,
                identical ? "identical" : "DIFFERENT", cells.size());
    }

    private static List<SweepCell> cells(SweepJob job) {
        List<SweepCell> cells = new ArrayList<>();
        for (String contender : job.contenders()) {
            for (long seed = 0; seed < SEEDS; seed++) {
                cells.add(new SweepCell(contender, RHO, seed));
            }
        }
        return cells;
    }

    /** A sweep's results and its seconds from submitting the cells to the last result. */
    private record Timed(Map<SweepCell, SweepResult> results, double seconds, double firstResultSeconds) {

        /** The runs' own training seconds, summed: where the runner's time went, less its overhead. */
        double trainingSeconds() {
            return results.values().stream().mapToDouble(SweepResult::seconds).sum();
        }
    }

    /**
     * The sweep run once, timed; the first result's time shows the runner's start (for Spark, the
     * job's broadcast to the executors) against a run's own training time.
     */
    private static Timed timed(SweepRunner runner, SweepJob job, List<SweepCell> cells) {
        Map<SweepCell, SweepResult> results = new HashMap<>();
        double[] firstResult = {Double.NaN};
        long start = System.nanoTime();
        runner.run(job, cells, result -> {
            if (results.isEmpty()) {
                firstResult[0] = seconds(start);
            }
            results.put(result.cell(), result);
        }, (cell, reason) -> {
            throw new IllegalStateException(cell + " failed: " + reason);
        });
        return new Timed(results, seconds(start), firstResult[0]);
    }

    /** Spark's context counts the driver among its executors' block managers, hence the + 1. */
    private static void awaitExecutors(SparkContext context, int executors) throws InterruptedException {
        while (context.getExecutorMemoryStatus().size() < executors + 1) {
            Thread.sleep(100);
        }
    }

    /** What ND4J's BLAS reports inside the executors, one line per distinct answer. */
    private static String executorBlas(JavaSparkContext context) {
        List<Integer> probes = List.of(1, 2, 3, 4);
        return String.join(" | ", new TreeSet<>(context.parallelize(probes, probes.size())
                .map(probe -> Blas.nd4j() + "; OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS")).collect()));
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        for (String required : List.of("--spark-home", "--work")) {
            if (!options.containsKey(required)) {
                throw new IllegalArgumentException(required + " must be given, but is missing");
            }
        }
        return options;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void progress(String message) {
        System.err.println("SweepBench: " + message);
    }
}
