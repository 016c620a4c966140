package io.losslab.spark;

import io.losslab.experiment.SweepCell;
import io.losslab.experiment.SweepJob;
import io.losslab.experiment.SweepOutcome;
import io.losslab.experiment.SweepResult;
import io.losslab.experiment.SweepRunner;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.spark.FutureAction;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.rdd.AsyncRDDActions;
import scala.collection.immutable.Seq;
import scala.concurrent.ExecutionContext;
import scala.reflect.ClassTag$;
import scala.util.Try;

/**
 * Runs a sweep's cells on Apache Spark: in this JVM ({@code local[N]}) or on a standalone cluster
 * ({@code spark://host:port}). The driver is this JVM (the notebook's kernel). The job, data
 * included, is broadcast once, so each executor fetches it once; then every cell is a Spark job
 * of its own with one task. One job per cell, all in one job group, because a job stops at its
 * first failed task: a cell that fails costs only itself, each finished cell comes back as soon as
 * it is done, and an interrupt cancels the group while what finished stays.
 *
 * <p>Spark retries a task whose executor is lost ({@code spark.task.maxFailures}, 4 unless set);
 * a cell whose run throws is not retried, since it would throw again. Any {@code spark.*} system
 * property of this JVM reaches Spark's configuration, e.g. {@code spark.executor.memory}.
 * Executors need LossLab's classes: unless {@code spark.jars} or
 * {@code spark.executor.extraClassPath} is set, they are given this JVM's class path, which is
 * right for workers on this machine; a real cluster needs a jar for {@code spark.jars}.
 *
 * <pre>{@code
 * SweepRunner runner = SweepRunner.forCluster("spark://127.0.0.1:7077");
 * runner.run(job, cells, results::add, (cell, reason) -> System.out.println(cell + ": " + reason));
 * }</pre>
 */
public final class SparkRunner implements SweepRunner, AutoCloseable {

    private static final Pattern LOCAL_MASTER = Pattern.compile("local\\[(\\*|[1-9][0-9]*)(,[1-9][0-9]*)?]");
    private static final Pattern STANDALONE_MASTER = Pattern.compile("spark://[^\\s:/,]+:[0-9]+(,[^\\s:/,]+:[0-9]+)*");
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final String TASK_RETRIES = "4";

    /** Spark allows one context per JVM; sweeps reuse it while they name the same master. */
    private static JavaSparkContext context;

    private final String master;

    /**
     * A runner on this Spark master; nothing connects until the first sweep.
     *
     * @throws IllegalArgumentException if {@code master} is none of {@code local[N]},
     *     {@code local[*]} or {@code spark://host:port}
     */
    public SparkRunner(String master) {
        if (!isSparkMaster(master)) {
            throw new IllegalArgumentException("cluster must be local[N], local[*] or spark://host:port, but is '" + master + "'");
        }
        this.master = master;
    }

    /** Whether this is a master URL this runner takes. */
    static boolean isSparkMaster(String master) {
        return master != null && (LOCAL_MASTER.matcher(master).matches() || STANDALONE_MASTER.matcher(master).matches());
    }

    /**
     * Starts (or reuses) the Spark context now rather than at the first sweep, to pay Spark's
     * start-up, and to learn of an unreachable master, before any sweep.
     *
     * @throws IllegalArgumentException if no Spark master answers at a {@code spark://} address
     *     within 5 s
     */
    public void connect() {
        context();
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if no Spark master answers at a {@code spark://} address
     *     within 5 s
     */
    @Override
    public void run(SweepJob job, List<SweepCell> cells, Consumer<SweepResult> finished, BiConsumer<SweepCell, String> failed) {
        if (cells.isEmpty()) {
            return;
        }
        JavaSparkContext spark = context();
        Broadcast<SweepJob> shared = spark.broadcast(job);
        String group = "losslab-sweep-" + UUID.randomUUID();
        BlockingQueue<SweepOutcome> outcomes = new LinkedBlockingQueue<>();
        spark.setJobGroup(group, "LossLab sweep of " + cells.size() + " runs", true);
        try {
            cells.forEach(cell -> submit(spark, shared, cell, outcomes));
        } finally {
            spark.clearJobGroup();
        }
        int left = cells.size();
        boolean interrupted = false;
        try {
            while (left > 0) {
                outcomes.take().handTo(finished, failed);
                left--;
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            // Cells are left when the thread was interrupted or a callback threw: stop them. Both
            // calls talk to Spark's scheduler, so they run before the interrupt flag is restored.
            if (left > 0) {
                spark.cancelJobGroup(group);
            }
            shared.destroy();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** One Spark job with one task running {@code cell}; its outcome goes to {@code outcomes} when it ends. */
    private static void submit(JavaSparkContext spark, Broadcast<SweepJob> shared, SweepCell cell, BlockingQueue<SweepOutcome> outcomes) {
        var oneTask = spark.parallelize(List.of(cell), 1).map(new RunCell(shared)).rdd();
        FutureAction<Seq<SweepOutcome>> job = new AsyncRDDActions<>(oneTask, ClassTag$.MODULE$.apply(SweepOutcome.class)).collectAsync();
        job.onComplete((Try<Seq<SweepOutcome>> done) -> outcomes.add(done.isSuccess() ? done.get().head()
                : SweepOutcome.failed(cell, sparkFailure(done.failed().get()))), ExecutionContext.parasitic$.MODULE$);
    }

    /** Spark's reason for giving up on a job, cut to its first line (the driver's stack trace follows it). */
    private static String sparkFailure(Throwable failure) {
        String firstLine = SweepJob.reason(failure).lines().findFirst().orElse("");
        return "Spark gave up on this run: " + firstLine;
    }

    @Override
    public String describe() {
        return "Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION() + " on " + master;
    }

    @Override
    public String toString() {
        return describe();
    }

    /** Stops the Spark context if it is this runner's master's (executors, connections and all). */
    @Override
    public void close() {
        synchronized (SparkRunner.class) {
            if (context != null && context.master().equals(master)) {
                context.stop();
                context = null;
            }
        }
    }

    /** This JVM's Spark context on this runner's master, started or reused; one on another master is stopped. */
    private JavaSparkContext context() {
        synchronized (SparkRunner.class) {
            if (context != null && (context.sc().isStopped() || !context.master().equals(master))) {
                context.stop();
                context = null;
            }
            if (context == null) {
                requireReachableMaster();
                context = new JavaSparkContext(configuration());
            }
            return context;
        }
    }

    private SparkConf configuration() {
        SparkConf conf = new SparkConf()
                .setMaster(master)
                .setAppName("LossLab sweep")
                .setIfMissing("spark.task.maxFailures", TASK_RETRIES)
                .setIfMissing("spark.log.level", "WARN");
        if (!conf.contains("spark.jars") && !conf.contains("spark.executor.extraClassPath")) {
            conf.set("spark.executor.extraClassPath", classPathForExecutors());
        }
        return conf;
    }

    /**
     * This JVM's class path, made absolute (executors run in folders of their own), with LossLab's
     * own jars or folders added when they came another way (a notebook's {@code %jars} loads them
     * into a class loader of its own).
     */
    private static String classPathForExecutors() {
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            entries.add(Path.of(entry).toAbsolutePath().toString());
        }
        entries.add(codeSource(SweepJob.class));
        entries.add(codeSource(SparkRunner.class));
        return String.join(File.pathSeparator, entries);
    }

    private static String codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("The location of " + type.getName() + " is not a file path.", e);
        }
    }

    /**
     * Spark keeps retrying a master it cannot reach for a minute before it gives up, so a master
     * that does not take a connection within 5 s is refused here at once.
     */
    private void requireReachableMaster() {
        if (!master.startsWith("spark://")) {
            return;
        }
        String lastProblem = "";
        for (String address : master.substring("spark://".length()).split(",")) {
            int colon = address.lastIndexOf(':');
            InetSocketAddress socketAddress = new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
            try (Socket socket = new Socket()) {
                socket.connect(socketAddress, (int) CONNECT_TIMEOUT.toMillis());
                return;
            } catch (IOException e) {
                lastProblem = address + " (" + e.getMessage() + ")";
            }
        }
        throw new IllegalArgumentException("cluster " + master + " is unreachable: no Spark master took a connection at "
                + lastProblem + " within " + CONNECT_TIMEOUT.toSeconds() + " s.");
    }

    /**
     * A Spark task's work: one cell of the broadcast job, trained on the cores Spark gives a task
     * ({@code spark.task.cpus}, 1 unless set), since an executor does not know how many other
     * executors share its machine. A run that throws comes back as a failed outcome, not a failed
     * task, which Spark would only retry to fail again; an interrupted run (the sweep cancelled) and
     * errors of the JVM itself stay failures of the task.
     */
    private record RunCell(Broadcast<SweepJob> job) implements Function<SweepCell, SweepOutcome> {

        private static final long serialVersionUID = 1L;

        @Override
        public SweepOutcome call(SweepCell cell) {
            return SweepOutcome.of(job.value().withThreads(TaskContext.get().cpus()), cell);
        }
    }

    /** Makes Spark runners for {@code cluster = local[N]}, {@code local[*]} and {@code spark://host:port}. */
    public static final class Factory implements SweepRunner.Factory {

        @Override
        public boolean accepts(String cluster) {
            return cluster.startsWith("local[") || cluster.startsWith("spark://");
        }

        @Override
        public SweepRunner create(String cluster) {
            return new SparkRunner(cluster);
        }
    }
}
