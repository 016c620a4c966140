package io.losslab.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A private Jupyter for the kernel's tests: kernelspecs in a Jupyter path of the test's own (the
 * packaged {@code losslab-kernel-all.jar} as the bundled kernel, and any other kernel a test
 * names), driven by the Python of the virtual environment {@code ./losslab test} makes.
 */
final class JupyterHarness {

    static final String KERNEL_NAME = "losslab-java-test";
    static final Path KERNEL_JAR = Path.of("target", "losslab-kernel-all.jar").toAbsolutePath();
    /** The plotly.js the core build fetched, which the launcher serves to notebooks and puts in reports. */
    static final Path PLOTLY_JS = Path.of("..", "core", "target", "classes", "io", "losslab", "plot", "plotly.min.js")
            .toAbsolutePath();

    private final Path work;
    private final Path jupyterPath;

    private JupyterHarness(Path work, Path jupyterPath) {
        this.work = work;
        this.jupyterPath = jupyterPath;
    }

    /**
     * The Python of LossLab's virtual environment, which has Jupyter, nbclient and JJava at their
     * pinned versions; fails with what to run when the build was not given it.
     */
    static String python() {
        String python = System.getProperty("losslab.python");
        assertTrue(python != null && Files.isExecutable(Path.of(python)),
                "the tests need LossLab's Python environment: run ./losslab test, which makes it and passes "
                        + "-Dlosslab.python=.venv/bin/python to Maven (losslab.python = " + python + ")");
        return python;
    }

    /** The folder of the virtual environment the Python belongs to. */
    static Path environment() {
        return Path.of(python()).toAbsolutePath().getParent().getParent();
    }

    /**
     * Installs the bundled kernel's kernelspec under {@code work}; fails with what to do if the
     * jar or the Python environment is missing.
     */
    static JupyterHarness install(Path work) throws IOException {
        assertTrue(Files.isRegularFile(KERNEL_JAR), KERNEL_JAR + " is missing: run the package phase first (mvn verify does)");
        JupyterHarness harness = new JupyterHarness(work, work.resolve("jupyter"));
        harness.installKernel(KERNEL_NAME, List.of(java(), "-cp", KERNEL_JAR.toString(),
                "io.losslab.kernel.bundled.KernelMain", "{connection_file}"), Map.of());
        return harness;
    }

    /**
     * A loopback port nothing listens at, free a moment ago: a server can take it, and a client
     * is refused at it.
     */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The java command of the JVM running the tests. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Writes a kernelspec named {@code name} that starts {@code argv} with {@code environment}. */
    void installKernel(String name, List<String> argv, Map<String, String> environment) throws IOException {
        Path spec = Files.createDirectories(jupyterPath.resolve("kernels").resolve(name));
        JsonObject kernel = new JsonObject();
        kernel.add("argv", new Gson().toJsonTree(argv));
        kernel.addProperty("display_name", name);
        kernel.addProperty("language", "java");
        kernel.addProperty("interrupt_mode", "message");
        kernel.add("env", new Gson().toJsonTree(environment));
        Files.writeString(spec.resolve("kernel.json"), kernel.toString());
    }

    /**
     * Runs the environment's Python with {@code arguments} in the work folder, this Jupyter path
     * and the extra environment; fails with the output if it does not exit 0 within {@code minutes}.
     */
    void python(List<String> arguments, Map<String, String> environment, long minutes) throws IOException, InterruptedException {
        Path log = Files.createTempFile(work, "python", ".log");
        ProcessBuilder builder = new ProcessBuilder(python())
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.command().addAll(arguments);
        builder.environment().put("JUPYTER_PATH", jupyterPath.toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        boolean finished = process.waitFor(minutes, TimeUnit.MINUTES);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        assertTrue(finished && process.exitValue() == 0, String.join(" ", arguments) + " failed:\n" + Files.readString(log));
    }
}
