package io.losslab.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * A Spark standalone cluster on this machine's loopback interface: a master and a few workers,
 * each a JVM of its own started from the jars of a Spark home (a folder with Spark's jars in
 * {@code jars/}, as the spark module's build lays out under {@code target/spark-home}). The tests
 * and {@code ./losslab bench sweep} run sweeps on it; it is also the quickest way to try the Spark
 * runner on one machine.
 *
 * <pre>{@code
 * try (LocalSparkCluster cluster = LocalSparkCluster.start(sparkHome, 2, 1, workDirectory)) {
 *     SweepRunner runner = new SparkRunner(cluster.masterUrl());
 *     ...
 * }
 * }</pre>
 *
 * <p>Every process it starts is stopped by {@link #close()}, and by a shutdown hook if the JVM
 * ends first; a worker's executors are stopped with it.
 */
public final class LocalSparkCluster implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";
    private static final String SCALA_VERSION = "2.13";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final String DAEMON_HEAP = "-Xmx512m";
    private static final int LOG_TAIL_CHARS = 2000;

    private final Path sparkHome;
    private final Path workDirectory;
    private final int masterPort = freePort();
    private final int masterWebUiPort = freePort();
    private final List<Process> workers = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::stopAll, "local-spark-cluster-stop");
    private Process master;

    private LocalSparkCluster(Path sparkHome, Path workDirectory) {
        this.sparkHome = sparkHome;
        this.workDirectory = workDirectory;
    }

    /**
     * Starts a master and {@code workerCount} workers of {@code coresPerWorker} cores each and
     * returns once the master counts every worker as alive.
     *
     * @param sparkHome a folder with Spark's jars in {@code jars/}
     * @param workDirectory where the processes' logs and the workers' folders go
     * @throws IllegalStateException if a process exits or the workers have not registered
     *     within 90 s; every process started is stopped first
     */
    public static LocalSparkCluster start(Path sparkHome, int workerCount, int coresPerWorker, Path workDirectory)
            throws IOException, InterruptedException {
        if (!Files.isDirectory(sparkHome.resolve("jars"))) {
            throw new IllegalArgumentException("sparkHome " + sparkHome + " has no jars folder with Spark's jars in it.");
        }
        LocalSparkCluster cluster = new LocalSparkCluster(sparkHome, workDirectory);
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        try {
            cluster.launch(workerCount, coresPerWorker);
            cluster.awaitAliveWorkers(workerCount);
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** The URL drivers connect to, {@code spark://127.0.0.1:PORT}. */
    public String masterUrl() {
        return "spark://" + LOOPBACK + ":" + masterPort;
    }

    /** Kills worker {@code index} and its executors at once, as a machine that dies would. */
    public void killWorker(int index) throws InterruptedException {
        destroyTree(workers.get(index));
    }

    /** How many workers the master currently counts as alive (from its web UI's JSON). */
    public int aliveWorkers() throws IOException {
        URL state = new URL("http://" + LOOPBACK + ":" + masterWebUiPort + "/json/");
        JsonNode json = new ObjectMapper().readTree(state);
        return json.path("aliveworkers").asInt();
    }

    /** Stops every worker, their executors and the master. */
    @Override
    public void close() throws InterruptedException {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or has run; there is nothing left to unregister.
        }
    }

    private void launch(int workerCount, int coresPerWorker) throws IOException {
        Files.createDirectories(workDirectory);
        master = startDaemon("master", "org.apache.spark.deploy.master.Master",
                "--host", LOOPBACK, "--port", Integer.toString(masterPort),
                "--webui-port", Integer.toString(masterWebUiPort));
        for (int i = 0; i < workerCount; i++) {
            Path workerDirectory = Files.createDirectories(workDirectory.resolve("worker-" + i));
            workers.add(startDaemon("worker-" + i, "org.apache.spark.deploy.worker.Worker",
                    "--host", LOOPBACK, "--cores", Integer.toString(coresPerWorker),
                    "--webui-port", Integer.toString(freePort()),
                    "--work-dir", workerDirectory.toString(), masterUrl()));
        }
    }

    /**
     * One daemon JVM with Spark's jars on its classpath and the Java 17 options Spark's launcher
     * gives its daemons. Workers hand SPARK_HOME and SPARK_SCALA_VERSION on to the executors they
     * launch, whose classpath Spark's launcher builds from them.
     */
    private Process startDaemon(String name, String mainClass, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(DAEMON_HEAP);
        command.addAll(Arrays.asList(JavaModuleOptions.defaultModuleOptionArray()));
        command.add("-cp");
        command.add(sparkHome.resolve("jars") + File.separator + "*");
        command.add(mainClass);
        command.addAll(Arrays.asList(arguments));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logFile(name).toFile());
        Map<String, String> environment = builder.environment();
        environment.put("SPARK_HOME", sparkHome.toAbsolutePath().toString());
        environment.put("SPARK_SCALA_VERSION", SCALA_VERSION);
        environment.put("SPARK_LOCAL_IP", LOOPBACK);
        return builder.start();
    }

    private Path logFile(String name) {
        return workDirectory.resolve(name + ".log");
    }

    private void awaitAliveWorkers(int workerCount) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            failIfExited("master", master);
            for (int i = 0; i < workers.size(); i++) {
                failIfExited("worker-" + i, workers.get(i));
            }
            if (aliveWorkersOrNone() == workerCount) {
                return;
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
        throw new IllegalStateException("The local Spark cluster's " + workerCount + " workers did not register with its master within "
                + START_TIMEOUT.toSeconds() + " s; see the logs in " + workDirectory + ".");
    }

    /** The alive workers, or 0 while the master's web UI is not up yet. */
    private int aliveWorkersOrNone() {
        try {
            return aliveWorkers();
        } catch (IOException notUpYet) {
            return 0;
        }
    }

    private void failIfExited(String name, Process process) {
        if (!process.isAlive()) {
            throw new IllegalStateException("The local Spark cluster's " + name + " exited with code " + process.exitValue()
                    + "; its log ends: " + logTail(name));
        }
    }

    private String logTail(String name) {
        try {
            String log = Files.readString(logFile(name), StandardCharsets.UTF_8);
            return log.substring(Math.max(0, log.length() - LOG_TAIL_CHARS));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private void stopAll() {
        try {
            for (Process worker : workers) {
                destroyTree(worker);
            }
            if (master != null) {
                destroyTree(master);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills a process and everything it started (a worker's executors), and waits until they are gone. */
    private static void destroyTree(Process process) throws InterruptedException {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get();
            } catch (ExecutionException cannotHappen) {
                throw new IllegalStateException(cannotHappen);
            }
        }
    }

    /** A loopback port nothing listens at, free a moment ago (for a server to take, or a client to be refused at). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on " + LOOPBACK + " for the local Spark cluster.", e);
        }
    }
}
