package io.losslab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.losslab.loss.Losses;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled kernel in a real Jupyter session: the packaged {@code losslab-kernel-all.jar} is
 * installed as a kernelspec in a private Jupyter path, and the pinned {@code jupyter_client} executes
 * {@code kernel-acceptance.ipynb} cell by cell, as a notebook front end does, interrupting the
 * long cell with an interrupt request. Each test checks the outputs of one cell.
 */
class BundledKernelIT {

    private static final long NOTEBOOK_TIMEOUT_MINUTES = 10;

    @TempDir
    static Path work;

    private static ExecutedNotebook notebook;

    @BeforeAll
    static void executeNotebook() throws Exception {
        JupyterHarness jupyter = JupyterHarness.install(work);
        Files.writeString(work.resolve("helper.jsh"), "int triple(int v) { return 3 * v; }\n");
        Path source = work.resolve("kernel-acceptance.ipynb");
        Files.copy(Path.of("src", "test", "resources", "kernel-acceptance.ipynb"), source);
        Path executed = work.resolve("executed.ipynb");
        jupyter.python(List.of(Path.of("src", "test", "python", "execute_notebook.py").toAbsolutePath().toString(),
                JupyterHarness.KERNEL_NAME, source.toString(), executed.toString(), "300"), Map.of(), NOTEBOOK_TIMEOUT_MINUTES);
        notebook = ExecutedNotebook.read(executed);
    }

    private static List<JsonObject> outputs(String check) {
        return notebook.outputs(check);
    }

    private static String text(JsonElement multiline) {
        return ExecutedNotebook.text(multiline);
    }

    private static String result(String check, String mimeType) {
        return notebook.result(check, mimeType);
    }

    private static String shown(String check, String mimeType) {
        return notebook.shown(check, mimeType);
    }

    private static List<JsonObject> figures(String check) {
        return notebook.figures(check);
    }

    private static String error(String check) {
        return notebook.error(check);
    }

    private static void assertNoKernelInternals(String traceback) {
        for (String internal : List.of("jdk.jshell", "io.github.spencerpark", "io.losslab.kernel.bundled", "\tat ")) {
            assertFalse(traceback.contains(internal), "kernel internals shown to the user:\n" + traceback);
        }
    }

    // --- the cells ----------------------------------------------------------------------------

    @Test
    void expressionsShowTheirValue() {
        assertEquals("42", result("value", "text/plain"));
    }

    @Test
    void stdoutAndStderrAreStreamed() {
        List<JsonObject> outputs = outputs("streams");
        assertEquals("stdout", outputs.get(0).get("name").getAsString());
        assertEquals("hello from the cell\n", text(outputs.get(0).get("text")));
        assertEquals("stderr", outputs.get(1).get("name").getAsString());
        assertEquals("to stderr\n", text(outputs.get(1).get("text")));
    }

    @Test
    void askingForAGpuWithoutOneSaysWhatIsMissing() {
        String traceback = error("device-cuda");
        assertTrue(traceback.contains("No GPU backend") && traceback.contains("cuda Maven profile"), traceback);
        assertNoKernelInternals(traceback);
    }

    @Test
    void unknownMagicGivesTheProblemAndWhereTheUsageIs() {
        String traceback = error("magic-unknown");
        assertTrue(traceback.contains("there is no magic named 'nothing'"), traceback);
        assertTrue(traceback.endsWith("%losslab help losslab shows its usage."), traceback);
        assertNoKernelInternals(traceback);
    }

    @Test
    void userExceptionsShowTheUsersFramesOnly() {
        String traceback = error("user-exception");
        assertTrue(traceback.startsWith("java.lang.ArithmeticException: / by zero"), traceback);
        assertTrue(traceback.contains("at divide ("), traceback);
        assertNoKernelInternals(traceback);
    }

    @Test
    void theKernelGoesOnAfterAnException() {
        assertEquals("43", result("after-exception", "text/plain"));
    }

    @Test
    void compileErrorsShowTheLineAndTheMessage() {
        String traceback = error("compile-error");
        assertTrue(traceback.contains("Line 2: incompatible types"), traceback);
        assertTrue(traceback.contains("String s = 42;"), traceback);
    }

    @Test
    void displaysCanBeUpdated() {
        List<JsonObject> outputs = outputs("display-update");
        assertEquals(1, outputs.size(), "a cell ending in ';' shows no result: " + outputs);
        JsonObject display = outputs.get(0);
        assertEquals("display_data", display.get("output_type").getAsString());
        assertEquals("second", text(display.getAsJsonObject("data").get("text/plain")));
        assertEquals(1, display.getAsJsonObject("metadata").getAsJsonObject("losslab").get("updates").getAsInt());
    }

    @Test
    void losslabTypesRenderAsHtml() {
        JsonObject display = outputs("rich-display").get(0);
        assertEquals("<b>bold form</b>", text(display.getAsJsonObject("data").get("text/html")));
        assertEquals("plain form", text(display.getAsJsonObject("data").get("text/plain")));
    }

    @Test
    void aLongCellIsInterruptedAndTheSessionSurvives() {
        assertTrue(error("interrupt").startsWith("Interrupted"), error("interrupt"));
        assertEquals("84", result("after-interrupt", "text/plain"));
    }

    @Test
    void loadRunsAFileOfCode() {
        assertEquals("15", result("load", "text/plain"));
    }

    @Test
    void jarsThatDoNotExistAreNamed() {
        String traceback = error("jars-missing");
        assertTrue(traceback.contains("%jars: nothing matches 'no-such-folder/*.jar'"), traceback);
    }

    @Test
    void theLossLibraryIsImportedAtStart() {
        assertEquals("focal(gamma=2)", result("loss-library", "text/plain"));
        assertEquals(String.valueOf(Losses.catalogue().size()), result("completion-target", "text/plain"));
    }

    @Test
    void figureOutputsCarryNoPlotlyJs() {
        String first = text(outputs("dataset-load").get(0).getAsJsonObject("data").get("text/html"));
        assertTrue(first.contains("losslab-figure"), "the first output is a figure: " + first.length() + " chars");
        assertFalse(first.contains("* plotly.js v"), "no output carries the library, which would go when it is re-run");
        assertTrue(first.length() < 200_000, "a figure is its data and its script: " + first.length() + " chars");
    }

    @Test
    void datasetNamesABadValue() {
        String traceback = error("dataset-usage");
        assertTrue(traceback.contains("rho = ten is not a number"), traceback);
        assertNoKernelInternals(traceback);
    }

    @Test
    void stoppingTrainingKeepsTheModelSoFar() {
        String summary = shown("train-interrupted", "text/plain");
        assertTrue(summary.contains("(interrupted)"), summary);
        assertEquals("true", result("after-train-interrupt", "text/plain"));
    }

    @Test
    void magicsDeclareWhatTheyBindAsSessionVariables() {
        assertEquals("1797", result("dataset-bound", "text/plain"));
        assertEquals("3", result("train-bound", "text/plain"));
        assertEquals("60", result("diffusion-bound", "text/plain"));
        assertFalse(shown("dataset-load", "text/plain").contains("Workspace.get"),
                "a kernel that declares variables needs no word on how to read them");
    }

    @Test
    void lossLabTypesRenderAsTables() {
        String stats = text(outputs("stats-display").get(0).getAsJsonObject("data").get("text/html"));
        assertTrue(stats.contains("<th>shots</th>"), "ClassStats renders as a table: " + stats);
        String table = text(outputs("results-display").get(0).getAsJsonObject("data").get("text/html"));
        assertTrue(table.contains("<table"), "a ComparisonTable renders as a table: " + table);
    }
}
