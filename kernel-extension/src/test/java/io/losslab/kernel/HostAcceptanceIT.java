package io.losslab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a user sees of every magic in every kernel LossLab runs in, loaded the ways the README
 * says, with its lines taken from the README as written: the bundled kernel; a stand-in for
 * IJava 1.3.0 (which throws magics' return values away) loaded by {@code %jars} and by its
 * environment variables; and the real JJava from PyPI, which finds LossLab as an extension on
 * its classpath, from its environment or from {@code %classpath}. Each host runs {@code magics-acceptance.ipynb} through {@code jupyter_client}.
 */
class HostAcceptanceIT {

    private static final long MINUTES_PER_HOST = 10;
    private static final String JAR_IN_README = "path/to/losslab-kernel-all.jar";

    @TempDir
    static Path work;

    private static JupyterHarness jupyter;

    /** A kernel with LossLab in it: its kernelspec, and the cell a user types first, if any. */
    record Host(String name, List<String> argv, Map<String, String> environment, String firstCell, boolean declaresVariables) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void installKernels() throws IOException {
        jupyter = JupyterHarness.install(work);
    }

    static Stream<Host> hosts() throws IOException {
        String readmeText = Files.readString(Path.of("..", "README.md"));
        List<String> ijava = codeBlocks(readmeText, "### In a stock IJava kernel");
        List<String> jjava = codeBlocks(readmeText, "### In JJava");
        List<String> standIn = List.of(JupyterHarness.java(), "-cp", standInClasspath(), "io.github.spencerpark.ijava.IJava", "{connection_file}");
        Path jjavaKernel = JupyterHarness.environment().resolve(Path.of("share", "jupyter", "kernels", "java"));
        List<String> jjavaArgv = List.of(JupyterHarness.java(), "-jar", jjavaKernel.resolve("jjava-launcher.jar").toString(),
                jjavaKernel.resolve("jjava.jar").toString(), "{connection_file}");
        return Stream.of(
                new Host("bundled", null, Map.of(), null, true),
                new Host("ijava-jars", standIn, Map.of(), withJar(ijava.get(0)), false),
                new Host("ijava-environment", standIn, environment(ijava.get(1)), null, false),
                new Host("jjava-environment", jjavaArgv, environment(jjava.get(0)), null, true),
                new Host("jjava-classpath", jjavaArgv, Map.of(), withJar(jjava.get(1)), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hosts")
    void everyMagicShowsWhatItShowsInTheBundledKernel(Host host) throws Exception {
        ExecutedNotebook notebook = execute(host);
        List<AssertionError> failures = new ArrayList<>();
        for (Runnable check : checks(notebook, host)) {
            try {
                check.run();
            } catch (AssertionError e) {
                failures.add(e);
            }
        }
        assertEquals(List.of(), failures, host + ": " + failures.size() + " checks failed");
    }

    private static List<Runnable> checks(ExecutedNotebook nb, Host host) {
        return List.of(
                () -> assertContains(nb.shown("listing", "text/html"), "<table>", "%device", "%%compare"),
                () -> assertContains(nb.shown("help", "text/plain"), "%dataset load SOURCE", "Example"),
                () -> assertContains(nb.shown("device", "text/plain"), "backend cpu"),
                () -> assertContains(nb.shown("dataset", "text/html"), "1797 examples, 10 classes", "<table>"),
                () -> assertEquals("bar", nb.figures("dataset").get(0).getAsJsonArray("data").get(0).getAsJsonObject().get("type").getAsString()),
                () -> assertEquals(!host.declaresVariables(), nb.shown("dataset", "text/plain")
                        .contains("Bound digits; read it with: LabeledData digits = Workspace.get(\"digits\");"),
                        "how to read a bound value is said where the kernel cannot declare it"),
                () -> assertEquals("1797", nb.result("read-bound", "text/plain")),
                () -> assertDeclared(nb, host),
                () -> assertContains(nb.shown("longtail", "text/plain"), "10 classes, ρ = 10"),
                () -> assertContains(nb.shown("split", "text/plain"), "training set of", "(test set: 217 examples)"),
                () -> assertContains(nb.shown("stats", "text/html"), "<th>shots</th>"),
                () -> assertContains(single(nb.figures("lossplot")), "focal(gamma=2)", "logit-adjusted(tau=1)"),
                () -> assertContains(single(nb.figures("slider")), "\"sliders\""),
                () -> assertContains(nb.shown("train", "text/plain"), "logit-adjusted(tau=1): 2 epochs", "balanced accuracy"),
                () -> assertEquals(1, nb.figures("train").size(), "the live training curves"),
                () -> assertProgressBarFinished(nb.progressBar("train")),
                () -> assertContains(nb.shown("compare", "text/html"), "<table", "focal(gamma=2)"),
                () -> assertTrue(nb.figures("compare").size() >= 3, "curves, recall by class size, accuracy by shot group"),
                () -> assertContains(nb.shown("diffusion", "text/plain"), "DDPM on two-moons, 60 steps", "energy distance"),
                () -> assertTrue(nb.figures("diffusion").size() >= 3, "forward frames, training curves, reverse frames"),
                () -> assertContains(nb.progressBar("diffusion").toString(), "100% 60/60"),
                () -> assertOneSentenceWithoutLossLabFrames(nb.error("bad-magic")),
                () -> assertEquals("42", nb.result("alive", "text/plain")),
                () -> assertEquals("focal(gamma=2)", nb.result("loss-api", "text/plain")));
    }

    private static ExecutedNotebook execute(Host host) throws Exception {
        String kernel = JupyterHarness.KERNEL_NAME;
        if (host.argv() != null) {
            kernel = "host-" + host.name();
            Map<String, String> environment = new LinkedHashMap<>(host.environment());
            environment.put("OMP_WAIT_POLICY", "PASSIVE");
            jupyter.installKernel(kernel, host.argv(), environment);
        }
        Path folder = Files.createDirectories(work.resolve(host.name()));
        Path source = folder.resolve("magics-acceptance.ipynb");
        Files.copy(Path.of("src", "test", "resources", "magics-acceptance.ipynb"), source);
        if (host.firstCell() != null) {
            jupyter.python(List.of("-c", "import nbformat, sys\n"
                    + "nb = nbformat.read(sys.argv[1], as_version=4)\n"
                    + "nb.cells.insert(0, nbformat.v4.new_code_cell(sys.argv[2]))\n"
                    + "nbformat.write(nb, sys.argv[1])", source.toString(), host.firstCell()), Map.of(), 1);
        }
        Path executed = folder.resolve("executed.ipynb");
        jupyter.python(List.of(Path.of("src", "test", "python", "execute_notebook.py").toAbsolutePath().toString(),
                kernel, source.toString(), executed.toString(), "300"), Map.of(), MINUTES_PER_HOST);
        return ExecutedNotebook.read(executed);
    }

    /** Where the kernel can declare what magics bind, the variable is there; elsewhere it is not. */
    private static void assertDeclared(ExecutedNotebook nb, Host host) {
        if (host.declaresVariables()) {
            assertEquals("2", nb.result("declared", "text/plain"));
        } else {
            assertContains(nb.error("declared"), "cannot find symbol");
        }
    }

    private static void assertContains(String shown, String... parts) {
        for (String part : parts) {
            assertTrue(shown.contains(part), "'" + part + "' is not in:\n" + abbreviate(shown));
        }
    }

    private static String single(List<JsonObject> figures) {
        assertEquals(1, figures.size(), "one figure");
        return figures.get(0).toString();
    }

    private static void assertProgressBarFinished(JsonObject bar) {
        assertTrue(bar.getAsJsonObject("metadata").getAsJsonObject("losslab").get("updates").getAsInt() >= 1,
                "the progress bar is redrawn in place");
        assertContains(bar.toString(), "100%");
    }

    /** The magic's own sentence, and no frame of LossLab's code under it. */
    private static void assertOneSentenceWithoutLossLabFrames(String traceback) {
        assertContains(traceback, "unknown loss 'nosuch'");
        assertFalse(Pattern.compile("at io\\.losslab\\.").matcher(traceback).find(), "LossLab's frames are shown:\n" + traceback);
        assertFalse(traceback.contains("shows its usage.\n\n"), "the whole usage follows the sentence:\n" + traceback);
    }

    private static String abbreviate(String text) {
        return text.length() <= 2_000 ? text : text.substring(0, 2_000) + "... (" + text.length() + " characters)";
    }

    /** The fenced code blocks of the README section under {@code heading}, in order. */
    static List<String> codeBlocks(String markdown, String heading) {
        int start = markdown.indexOf("\n" + heading + "\n");
        assertTrue(start >= 0, "the README has no section '" + heading + "'");
        int end = markdown.indexOf("\n#", start + heading.length() + 2);
        String section = markdown.substring(start, end < 0 ? markdown.length() : end);
        List<String> blocks = new ArrayList<>();
        Matcher fence = Pattern.compile("```[a-z]*\\n(.*?)```", Pattern.DOTALL).matcher(section);
        while (fence.find()) {
            blocks.add(fence.group(1));
        }
        return blocks;
    }

    /** The README's lines with the jar's real path in place of the placeholder. */
    private static String withJar(String block) {
        assertTrue(block.contains(JAR_IN_README), "the README's block names no jar:\n" + block);
        return block.replace(JAR_IN_README, JupyterHarness.KERNEL_JAR.toString()).strip();
    }

    /** Variables given as shell assignments, {@code NAME=value} or {@code NAME='value'}, one a line. */
    private static Map<String, String> environment(String block) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String line : withJar(block).split("\n")) {
            Matcher assignment = Pattern.compile("([A-Z_]+)=('?)(.*)\\2").matcher(line.strip());
            assertTrue(assignment.matches(), "not a shell assignment in the README: " + line);
            variables.put(assignment.group(1), assignment.group(3));
        }
        return variables;
    }

    /**
     * The IJava stand-in's classpath: the test classes and the base library it is built on, and
     * nothing of LossLab's, which reaches it only as the README says.
     */
    private static String standInClasspath() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (entry.endsWith("test-classes") || name.matches("(jupyter-jvm-basekernel|gson|jeromq|jnacl)-.*\\.jar")) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
