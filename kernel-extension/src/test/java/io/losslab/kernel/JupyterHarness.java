package io.losslab.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A private Jupyter for the kernel's tests: the packaged {@code losslab-kernel-all.jar} installed
 * as a kernelspec in a Jupyter path of the test's own, and Debian's Python to drive it.
 */
final class JupyterHarness {

    static final String DEBIAN_PYTHON = "/usr/bin/python3";
    static final String KERNEL_NAME = "losslab-java-test";

    private final Path work;
    private final Path jupyterPath;

    private JupyterHarness(Path work, Path jupyterPath) {
        this.work = work;
        this.jupyterPath = jupyterPath;
    }

    /**
     * Installs the kernelspec under {@code work}; fails with the install command if the jar or
     * Debian's Jupyter is missing.
     */
    static JupyterHarness install(Path work) throws IOException, InterruptedException {
        Path jar = Path.of("target", "losslab-kernel-all.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), jar + " is missing: run the package phase first (mvn verify does)");
        Process probe = new ProcessBuilder(DEBIAN_PYTHON, "-c", "import jupyter_client, nbformat, nbconvert").start();
        assertTrue(probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0,
                "Debian's Jupyter is missing: apt-get install jupyter-client jupyter-nbconvert python3-nbclient "
                        + "(./losslab test installs it)");
        Path jupyterPath = work.resolve("jupyter");
        Path spec = jupyterPath.resolve("kernels").resolve(KERNEL_NAME);
        Files.createDirectories(spec);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(spec.resolve("kernel.json"), "{\"argv\": [" + quote(java) + ", \"-cp\", " + quote(jar.toString())
                + ", \"io.losslab.kernel.bundled.KernelMain\", \"{connection_file}\"], \"display_name\": \"LossLab test\", "
                + "\"language\": \"java\", \"interrupt_mode\": \"message\"}");
        return new JupyterHarness(work, jupyterPath);
    }

    /**
     * Runs Debian's Python with {@code arguments} in the work folder, this Jupyter path and the
     * extra environment; fails with the output if it does not exit 0 within {@code minutes}.
     */
    void python(List<String> arguments, Map<String, String> environment, long minutes) throws IOException, InterruptedException {
        Path log = Files.createTempFile(work, "python", ".log");
        ProcessBuilder builder = new ProcessBuilder(DEBIAN_PYTHON)
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

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
