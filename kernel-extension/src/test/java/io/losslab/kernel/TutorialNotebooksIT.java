package io.losslab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.losslab.plot.Chromium;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every tutorial in {@code notebooks/} runs top to bottom in the bundled kernel (quick mode, as
 * {@code LOSSLAB_QUICK=1} allows) without an error output, and its HTML export, opened in headless
 * Chromium with no network, draws every figure it holds and logs no JavaScript error.
 */
class TutorialNotebooksIT {

    private static final Path NOTEBOOKS = Path.of("..", "notebooks");
    private static final long MINUTES_PER_NOTEBOOK = 10;
    /** What ./losslab report runs on each exported page. */
    private static final Path EMBED_PLOTLY = Path.of("..", "tools", "embed_plotly.py");
    /** A figure div that Plotly has drawn into carries its class next to LossLab's. */
    private static final Pattern DRAWN_FIGURE = Pattern.compile("class=\"losslab-figure js-plotly-plot\"");
    private static final Pattern ANY_FIGURE = Pattern.compile("class=\"losslab-figure[ \"]");

    @TempDir
    static Path work;

    private static JupyterHarness jupyter;

    @BeforeAll
    static void installKernel() throws Exception {
        jupyter = JupyterHarness.install(work);
    }

    static List<Path> notebooks() throws IOException {
        try (Stream<Path> files = Files.list(NOTEBOOKS)) {
            List<Path> found = files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
            assertFalse(found.isEmpty(), "no notebooks in " + NOTEBOOKS.toAbsolutePath());
            return found;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notebooks")
    void runsWithoutErrorsAndDrawsEveryFigureOffline(Path notebook) throws Exception {
        String name = notebook.getFileName().toString().replace(".ipynb", "");
        Path folder = Files.createDirectories(work.resolve(name));
        Path copy = Files.copy(notebook, folder.resolve(notebook.getFileName()));
        jupyter.python(List.of("-m", "jupyter", "nbconvert", "--to", "notebook", "--execute", "--inplace",
                "--ExecutePreprocessor.kernel_name=" + JupyterHarness.KERNEL_NAME,
                "--ExecutePreprocessor.timeout=600", copy.toString()), Map.of("LOSSLAB_QUICK", "1"), MINUTES_PER_NOTEBOOK);

        JsonObject executed = new Gson().fromJson(Files.readString(copy), JsonObject.class);
        assertEquals(List.of(), errors(executed), name + " has error outputs");
        int figures = figureOutputs(executed);

        jupyter.python(List.of("-m", "jupyter", "nbconvert", "--to", "html", copy.toString()), Map.of(), MINUTES_PER_NOTEBOOK);
        Path html = folder.resolve(name + ".html");
        jupyter.python(List.of(EMBED_PLOTLY.toAbsolutePath().toString(), html.toString(), JupyterHarness.PLOTLY_JS.toString()),
                Map.of(), 1);
        Chromium.Run page = Chromium.find(work).dumpDom(html, 20_000);
        assertEquals(figures, count(ANY_FIGURE, page.stdout()), name + ": every figure output is on the page");
        assertEquals(figures, count(DRAWN_FIGURE, page.stdout()), name + ": every figure drew with no network");
        assertEquals(List.of(), page.uncaughtErrors(), name + " logged JavaScript errors");
    }

    private static List<String> errors(JsonObject notebook) {
        List<String> errors = new ArrayList<>();
        for (JsonElement output : outputs(notebook)) {
            JsonObject o = output.getAsJsonObject();
            if (o.get("output_type").getAsString().equals("error")) {
                errors.add(o.get("ename").getAsString() + ": " + o.get("evalue").getAsString());
            }
        }
        return errors;
    }

    private static int figureOutputs(JsonObject notebook) {
        int figures = 0;
        for (JsonElement output : outputs(notebook)) {
            JsonObject data = output.getAsJsonObject().getAsJsonObject("data");
            if (data != null && data.has("application/vnd.plotly.v1+json")) {
                figures++;
            }
        }
        return figures;
    }

    private static List<JsonElement> outputs(JsonObject notebook) {
        List<JsonElement> outputs = new ArrayList<>();
        for (JsonElement cell : notebook.getAsJsonArray("cells")) {
            JsonObject c = cell.getAsJsonObject();
            if (c.has("outputs")) {
                c.getAsJsonArray("outputs").forEach(outputs::add);
            }
        }
        return outputs;
    }

    private static int count(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        int n = 0;
        while (matcher.find()) {
            n++;
        }
        return n;
    }
}
