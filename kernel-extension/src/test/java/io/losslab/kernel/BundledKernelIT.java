package io.losslab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.losslab.loss.Losses;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled kernel in a real Jupyter session: the packaged {@code losslab-kernel-all.jar} is
 * installed as a kernelspec in a private Jupyter path, and Debian's {@code jupyter_client} executes
 * {@code kernel-acceptance.ipynb} cell by cell, as a notebook front end does, interrupting the
 * long cell with an interrupt request. Each test checks the outputs of one cell.
 */
class BundledKernelIT {

    private static final long NOTEBOOK_TIMEOUT_MINUTES = 10;

    @TempDir
    static Path work;

    private static final Map<String, JsonObject> CELLS = new HashMap<>();

    @BeforeAll
    static void executeNotebook() throws Exception {
        JupyterHarness jupyter = JupyterHarness.install(work);
        Files.writeString(work.resolve("helper.jsh"), "int triple(int v) { return 3 * v; }\n");
        Path notebook = work.resolve("kernel-acceptance.ipynb");
        Files.copy(Path.of("src", "test", "resources", "kernel-acceptance.ipynb"), notebook);
        Path executed = work.resolve("executed.ipynb");
        jupyter.python(List.of(Path.of("src", "test", "python", "execute_notebook.py").toAbsolutePath().toString(),
                JupyterHarness.KERNEL_NAME, notebook.toString(), executed.toString(), "300"), Map.of(), NOTEBOOK_TIMEOUT_MINUTES);

        JsonObject notebookJson = new Gson().fromJson(Files.readString(executed), JsonObject.class);
        for (JsonElement cell : notebookJson.getAsJsonArray("cells")) {
            JsonObject losslab = cell.getAsJsonObject().getAsJsonObject("metadata").getAsJsonObject("losslab");
            if (losslab != null) {
                CELLS.put(losslab.get("check").getAsString(), cell.getAsJsonObject());
            }
        }
    }

    // --- reading a cell's outputs -------------------------------------------------------------

    private static List<JsonObject> outputs(String check) {
        JsonObject cell = CELLS.get(check);
        assertTrue(cell != null, "the notebook has no cell '" + check + "'");
        List<JsonObject> outputs = new ArrayList<>();
        cell.getAsJsonArray("outputs").forEach(o -> outputs.add(o.getAsJsonObject()));
        return outputs;
    }

    private static String text(JsonElement multiline) {
        if (multiline.isJsonArray()) {
            StringBuilder joined = new StringBuilder();
            multiline.getAsJsonArray().forEach(part -> joined.append(part.getAsString()));
            return joined.toString();
        }
        return multiline.getAsString();
    }

    /** The one result of a cell, in one MIME type; fails if the cell failed or has no result. */
    private static String result(String check, String mimeType) {
        List<JsonObject> results = outputsOfType(check, "execute_result");
        assertEquals(1, results.size(), check + " should have one result: " + outputs(check));
        assertTrue(outputsOfType(check, "error").isEmpty(), check + " failed: " + outputs(check));
        return text(results.get(0).getAsJsonObject("data").get(mimeType));
    }

    private static List<JsonObject> outputsOfType(String check, String type) {
        return outputs(check).stream().filter(o -> o.get("output_type").getAsString().equals(type)).toList();
    }

    /** The Plotly figures a cell displayed or returned, as their JSON. */
    private static List<JsonObject> figures(String check) {
        return outputs(check).stream()
                .map(o -> o.getAsJsonObject("data"))
                .filter(data -> data != null && data.has("application/vnd.plotly.v1+json"))
                .map(data -> data.getAsJsonObject("application/vnd.plotly.v1+json"))
                .toList();
    }

    /** The error of a cell: its traceback lines joined; fails if the cell did not fail. */
    private static String error(String check) {
        List<JsonObject> errors = outputsOfType(check, "error");
        assertEquals(1, errors.size(), check + " should have failed once: " + outputs(check));
        JsonArray traceback = errors.get(0).getAsJsonArray("traceback");
        List<String> lines = new ArrayList<>();
        traceback.forEach(line -> lines.add(line.getAsString()));
        return String.join("\n", lines);
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
    void losslabListsTheMagicsAsATable() {
        String html = result("magic-list", "text/html");
        assertTrue(html.contains("<table>") && html.contains("%device") && html.contains("%losslab"), html);
    }

    @Test
    void losslabHelpGivesUsageWithAnExample() {
        String usage = result("magic-help", "text/plain");
        assertTrue(usage.contains("%device cuda") && usage.contains("Example"), usage);
    }

    @Test
    void deviceShowsTheCpuBackend() {
        assertTrue(result("device", "text/plain").startsWith("backend cpu: "), result("device", "text/plain"));
    }

    @Test
    void askingForAGpuWithoutOneSaysWhatIsMissing() {
        String traceback = error("device-cuda");
        assertTrue(traceback.contains("No GPU backend") && traceback.contains("cuda Maven profile"), traceback);
        assertNoKernelInternals(traceback);
    }

    @Test
    void unknownMagicGivesTheProblemAndTheUsage() {
        String traceback = error("magic-unknown");
        assertTrue(traceback.contains("there is no magic named 'nothing'"), traceback);
        assertTrue(traceback.contains("%losslab help NAME"), traceback);
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
    void datasetLoadsShowsStatisticsAndBindsAVariable() {
        String html = result("dataset-load", "text/html");
        assertTrue(html.contains("1797 examples, 10 classes") && html.contains("<table>"), html);
        assertEquals("1797", result("dataset-bound", "text/plain"));
        List<JsonObject> distribution = figures("dataset-load");
        assertEquals(1, distribution.size(), "the class distribution is drawn");
        assertEquals("bar", distribution.get(0).getAsJsonArray("data").get(0).getAsJsonObject().get("type").getAsString());
    }

    @Test
    void lossplotDrawsOneCurvePairPerLoss() {
        List<JsonObject> figures = figures("lossplot");
        assertEquals(1, figures.size());
        String json = figures.get(0).toString();
        assertTrue(json.contains("focal(gamma=2)") && json.contains("logit-adjusted(tau=1)"), json);
        String html = result("lossplot", "text/html");
        assertTrue(html.contains("Plotly"), "the figure draws itself in the page");
    }

    @Test
    void plotlyJsTravelsWithTheFirstFigureOnly() {
        String first = text(outputs("dataset-load").get(0).getAsJsonObject("data").get("text/html"));
        String later = result("lossplot", "text/html");
        assertTrue(first.length() > 1_000_000, "the first figure carries plotly.js: " + first.length() + " chars");
        assertTrue(later.length() < 200_000, "later figures do not: " + later.length() + " chars");
    }

    @Test
    void datasetMakesALongTailedVersion() {
        String text = result("dataset-longtail", "text/plain");
        assertTrue(text.contains("10 classes, ρ = 10"), text);
        String table = text(outputs("stats-display").get(0).getAsJsonObject("data").get("text/html"));
        assertTrue(table.contains("<th>shots</th>"), "ClassStats renders as a table: " + table);
    }

    @Test
    void datasetNamesABadValue() {
        String traceback = error("dataset-usage");
        assertTrue(traceback.contains("rho = ten is not a number"), traceback);
        assertNoKernelInternals(traceback);
    }

    @Test
    void trainShowsProgressAndCurvesAndBindsTheModel() {
        String summary = result("train", "text/plain");
        assertTrue(summary.startsWith("logit-adjusted(tau=1): 3 epochs") && summary.contains("balanced accuracy"), summary);
        assertEquals("3", result("train-bound", "text/plain"));
        assertEquals(1, figures("train").size(), "the live training curves");
        JsonObject bar = outputs("train").stream()
                .filter(o -> o.getAsJsonObject("data") != null && text(o.getAsJsonObject("data").get("text/html")).contains("<progress"))
                .findFirst().orElseThrow(() -> new AssertionError("no progress bar in " + outputs("train")));
        assertTrue(bar.getAsJsonObject("metadata").getAsJsonObject("losslab").get("updates").getAsInt() >= 1,
                "the progress bar is redrawn in place");
    }

    @Test
    void stoppingTrainingKeepsTheModelSoFar() {
        String summary = result("train-interrupted", "text/plain");
        assertTrue(summary.contains("(interrupted)"), summary);
        assertEquals("true", result("after-train-interrupt", "text/plain"));
    }

    @Test
    void compareShowsATableAndFigures() {
        String html = result("compare", "text/html");
        assertTrue(html.contains("<table") && html.contains("focal(gamma=2)"), html);
        assertTrue(figures("compare").size() >= 3, "curves per row, recall by class size, accuracy by shot group");
        String table = text(outputs("results-display").get(0).getAsJsonObject("data").get("text/html"));
        assertTrue(table.contains("<table"), "a ComparisonTable renders as a table: " + table);
    }

    @Test
    void diffusionShowsBothProcessesAndMeasuresItsSamples() {
        assertTrue(figures("diffusion").size() >= 3, "forward frames, training curves, reverse frames");
        String summary = result("diffusion", "text/plain");
        assertTrue(summary.startsWith("DDPM on two-moons, 60 steps"), summary);
        assertEquals("60", result("diffusion-bound", "text/plain"));
    }
}
