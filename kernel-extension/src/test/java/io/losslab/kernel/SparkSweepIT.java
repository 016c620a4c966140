package io.losslab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code %%compare} sweeps on Spark from a real notebook kernel, in a real Jupyter session. The
 * bundled kernel is started as {@code ./losslab notebook --spark} installs it (the spark module's
 * jar and Spark's jars on its class path, with the Java options of Spark's driver) and runs the
 * same small sweep on {@code local[2]} and on {@code local}, then names a master nobody listens
 * at. The plain bundled kernel first says how to get Spark, then takes it with {@code %jars}.
 */
class SparkSweepIT {

    private static final Path SPARK_TARGET = Path.of("..", "spark", "target").toAbsolutePath().normalize();
    private static final String SPARK_KERNEL = "losslab-spark-test";
    private static final long NOTEBOOK_MINUTES = 5;
    private static final String CELL_TIMEOUT_SECONDS = "180";
    /** A table cell: mean ± 95% interval. */
    private static final Pattern INTERVAL = Pattern.compile("\\d\\.\\d{3} ± \\d\\.\\d{3}");

    @TempDir
    static Path work;

    private static int closedPort;
    private static ExecutedNotebook withSpark;
    private static ExecutedNotebook withoutSpark;

    @BeforeAll
    static void runNotebooks() throws Exception {
        JupyterHarness jupyter = JupyterHarness.install(work);
        jupyter.installKernel(SPARK_KERNEL, sparkKernelArgv(), Map.of());
        closedPort = JupyterHarness.freePort();
        withSpark = execute(jupyter, SPARK_KERNEL, "with-spark", List.of(
                cell("load", "%dataset load digits as digits"),
                cell("split", "%dataset split digits test=0.3 as digitsS"),
                cell("spark-sweep", sweep("sparkSweep", "local[2]")),
                cell("local-sweep", sweep("localSweep", "local")),
                cell("same-runs", "sparkSweep.results().size() == 4"
                        + " && java.util.Set.copyOf(sparkSweep.results()).equals(java.util.Set.copyOf(localSweep.results()))"),
                cell("closed-port", sweep("unreachable", "spark://127.0.0.1:" + closedPort)),
                cell("after-closed-port", "1 + 1")));
        withoutSpark = execute(jupyter, JupyterHarness.KERNEL_NAME, "without-spark", List.of(
                cell("load", "%dataset load digits as digits"),
                cell("split", "%dataset split digits test=0.3 as digitsS"),
                cell("no-spark", sweep("noSpark", "local[2]")),
                cell("jars", "%jars " + SPARK_TARGET.resolve("spark-home/jars/*.jar") + " " + sparkRunnerJar()),
                cell("jars-sweep", sweep("jarsSweep", "local[2]"))));
    }

    /** The kernelspec's argv as the launcher writes it for {@code losslab-spark}. */
    private static List<String> sparkKernelArgv() throws IOException {
        String classPath = String.join(File.pathSeparator, JupyterHarness.KERNEL_JAR.toString(), sparkRunnerJar().toString(),
                SPARK_TARGET.resolve("spark-home").resolve("jars").resolve("*").toString());
        return List.of(JupyterHarness.java(), "@" + SPARK_TARGET.resolve("driver-java-options"),
                "-Dslf4j.provider=org.slf4j.nop.NOPServiceProvider", "-Dslf4j.internal.verbosity=WARN",
                "-cp", classPath,
                "io.losslab.kernel.bundled.KernelMain", "{connection_file}");
    }

    /** The spark module's jar; fails with what to build if the module was not built. */
    private static Path sparkRunnerJar() throws IOException {
        try (var jars = Files.list(SPARK_TARGET)) {
            return jars.filter(jar -> jar.getFileName().toString().matches("losslab-spark-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no losslab-spark jar in " + SPARK_TARGET
                            + ": build the spark module first (mvn verify -pl kernel-extension -am does)"));
        }
    }

    /** Two losses, two seeds, a few epochs of a small MLP on digits: four runs of a second or so. */
    private static String sweep(String name, String cluster) {
        return "%%compare digitsS as " + name + "\nmodel = mlp(32)\nepochs = 3\nseeds = 2\ncluster = " + cluster
                + "\nce\nfocal(gamma=2)";
    }

    private static JsonObject cell(String check, String source) {
        JsonObject losslab = new JsonObject();
        losslab.addProperty("check", check);
        JsonObject metadata = new JsonObject();
        metadata.add("losslab", losslab);
        JsonObject cell = new JsonObject();
        cell.addProperty("cell_type", "code");
        cell.add("execution_count", null);
        cell.add("metadata", metadata);
        cell.add("outputs", new JsonArray());
        cell.addProperty("source", source);
        return cell;
    }

    private static ExecutedNotebook execute(JupyterHarness jupyter, String kernel, String name, List<JsonObject> cells)
            throws IOException, InterruptedException {
        JsonArray cellArray = new JsonArray();
        cells.forEach(cellArray::add);
        JsonObject notebook = new JsonObject();
        notebook.add("cells", cellArray);
        notebook.add("metadata", new JsonObject());
        notebook.addProperty("nbformat", 4);
        notebook.addProperty("nbformat_minor", 4);
        Path source = work.resolve(name + ".ipynb");
        Path executed = work.resolve(name + "-executed.ipynb");
        Files.writeString(source, notebook.toString());
        jupyter.python(List.of(Path.of("src", "test", "python", "execute_notebook.py").toAbsolutePath().toString(),
                kernel, source.toString(), executed.toString(), CELL_TIMEOUT_SECONDS), Map.of(), NOTEBOOK_MINUTES);
        return ExecutedNotebook.read(executed);
    }

    /** Every mean ± interval of a sweep's table, in the order the table shows them; fails if there is none. */
    private static List<String> intervals(String table) {
        List<String> found = new ArrayList<>();
        Matcher interval = INTERVAL.matcher(table);
        while (interval.find()) {
            found.add(interval.group());
        }
        assertFalse(found.isEmpty(), "no mean ± interval in:\n" + table);
        return found;
    }

    /** The text of the refusal: one sentence and the line that points at the magic's usage. */
    private static void assertOneSentence(String traceback) {
        List<String> lines = traceback.lines().toList();
        assertTrue(lines.size() <= 2 && lines.get(0).length() < 400, "more than a sentence:\n" + traceback);
        assertFalse(traceback.contains("\tat ") || traceback.contains("org.apache.spark"), "internals shown:\n" + traceback);
    }

    // --- the cells ----------------------------------------------------------------------------

    @Test
    void aSweepOnLocalSparkShowsTheTableWithIntervals() {
        String shown = withSpark.shown("spark-sweep", "text/plain");
        assertTrue(shown.contains("Spark 4.0.4 on local[2]"), shown);
        assertTrue(shown.contains("4 of 4 runs finished"), shown);
        for (String loss : List.of("ce ", "focal(gamma=2) ")) {
            assertTrue(shown.lines().anyMatch(row -> row.startsWith(loss) && INTERVAL.matcher(row).find()),
                    "a row for " + loss + "with intervals:\n" + shown);
        }
        assertEquals(2, withSpark.figures("spark-sweep").size(), "recall and shot-group figures");
        assertTrue(withSpark.outputsOfType("spark-sweep", "stream").isEmpty(),
                "Spark writes nothing into the cell: " + withSpark.outputsOfType("spark-sweep", "stream"));
    }

    @Test
    void sparkAndTheLocalRunnerGiveTheSameNumbers() {
        String local = withSpark.shown("local-sweep", "text/plain");
        assertTrue(local.contains("local, 2 threads"), local);
        assertEquals(intervals(withSpark.shown("spark-sweep", "text/plain")), intervals(local));
        assertEquals("true", withSpark.result("same-runs", "text/plain"), "the same four runs, metric for metric");
    }

    @Test
    void anUnreachableMasterIsOneSentenceAndTheKernelGoesOn() {
        String traceback = withSpark.error("closed-port");
        assertTrue(traceback.contains("cluster spark://127.0.0.1:" + closedPort + " is unreachable"), traceback);
        assertOneSentence(traceback);
        assertEquals("2", withSpark.result("after-closed-port", "text/plain"));
    }

    @Test
    void aKernelWithoutSparkSaysHowToGetIt() {
        String traceback = withoutSpark.error("no-spark");
        assertTrue(traceback.contains("cluster = local[2] needs Spark"), traceback);
        assertTrue(traceback.contains("./losslab notebook --spark"), traceback);
        assertOneSentence(traceback);
    }

    @Test
    void jarsGiveThePlainKernelSparkWithTheSameNumbers() {
        String shown = withoutSpark.shown("jars-sweep", "text/plain");
        assertTrue(shown.contains("Spark 4.0.4 on local[2]"), shown);
        assertEquals(intervals(withSpark.shown("local-sweep", "text/plain")), intervals(shown));
    }
}
