package io.losslab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * LossLab in JupyterLab 4 in a real browser, with plotly's renderer and without it:
 * {@code jupyterlab_check.py} starts JupyterLab on loopback and drives headless Chromium through
 * {@code browser-check.ipynb}, which uses every magic, and a committed tutorial opened untrusted.
 * Its screenshots stay in {@code target/jupyterlab-*}.
 */
class JupyterLabIT {

    private static final long MINUTES = 15;
    private static final Path TUTORIAL = Path.of("..", "notebooks", "02-reweighting-vs-modified-losses.ipynb");
    /** What ./losslab runs to have the Jupyter server serve plotly.js. */
    private static final Path SERVE_PLOTLY = Path.of("..", "tools", "serve_plotly.py");

    @TempDir
    Path work;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"renderer", "no-renderer"})
    void everyFigureDrawsUpdatesAndSurvivesReopening(String renderer) throws Exception {
        JupyterHarness jupyter = JupyterHarness.install(work);
        Path config = work.resolve("config");
        jupyter.python(List.of(SERVE_PLOTLY.toAbsolutePath().toString(), config.toString(), work.resolve("static").toString(),
                JupyterHarness.PLOTLY_JS.toString()), Map.of(), 1);
        Path out = Path.of("target", "jupyterlab-" + renderer).toAbsolutePath();
        jupyter.python(List.of(Path.of("src", "test", "python", "jupyterlab_check.py").toAbsolutePath().toString(),
                Path.of("src", "test", "resources", "browser-check.ipynb").toAbsolutePath().toString(),
                TUTORIAL.toAbsolutePath().toString(), config.toString(), out.toString(),
                Integer.toString(JupyterHarness.freePort()), renderer), Map.of(), MINUTES);
        JsonObject report = new Gson().fromJson(Files.readString(out.resolve("report.json")), JsonObject.class);

        assertTrue(!report.get("secondsUntilIdle").isJsonNull() && report.get("secondsUntilIdle").getAsDouble() < 10,
                "the kernel shows Idle once started: " + report.get("secondsUntilIdle"));
        JsonArray figures = report.getAsJsonArray("figures");
        assertTrue(figures.size() >= 12, "every magic's figures are there: " + figures.size());
        assertAllDrawn(figures, "after running");
        assertLiveOutputMovedWhileRunning(report.getAsJsonArray("live"));
        JsonArray slider = report.getAsJsonArray("slider");
        assertNotEquals(slider.get(0).getAsString(), slider.get(1).getAsString(), "moving the slider moves the curve");
        assertEquals(figures.size(), report.getAsJsonArray("reopened").size(), "re-run, saved and opened again");
        assertAllDrawn(report.getAsJsonArray("reopened"), "after re-running the first figure, saving and reopening");
        assertUntrustedFiguresDrawOrSayWhatToDo(report);
        assertEquals(new JsonArray(), report.getAsJsonArray("consoleErrors"), "the browser console logged errors");
    }

    private static void assertAllDrawn(JsonArray figures, String when) {
        for (JsonElement figure : figures) {
            assertTrue(figure.getAsJsonObject().get("drawn").getAsBoolean(), "a figure did not draw " + when + ": " + figure);
        }
    }

    /**
     * While the notebook ran, some progress bar took several values on its way, and some figure
     * (the live training curves) grew through several lengths: both were redrawn in place.
     */
    private static void assertLiveOutputMovedWhileRunning(JsonArray samples) {
        assertTrue(mostValuesAtOnePosition(samples, "bars") >= 3, "a progress bar moved while running: " + samples);
        assertTrue(mostValuesAtOnePosition(samples, "points") >= 3, "a live curve grew while running: " + samples);
    }

    private static int mostValuesAtOnePosition(JsonArray samples, String series) {
        int most = 0;
        for (int position = 0; position < 20; position++) {
            Set<Double> values = new HashSet<>();
            for (JsonElement sample : samples) {
                JsonArray observed = sample.getAsJsonObject().getAsJsonArray(series);
                if (observed.size() > position) {
                    values.add(observed.get(position).getAsDouble());
                }
            }
            most = Math.max(most, values.size());
        }
        return most;
    }

    private static void assertUntrustedFiguresDrawOrSayWhatToDo(JsonObject report) {
        JsonArray untrusted = report.getAsJsonArray("untrusted");
        assertEquals(report.get("untrustedExpected").getAsInt(), untrusted.size(), "every figure of the tutorial is there");
        assertTrue(untrusted.size() > 0, "the tutorial has figures");
        for (JsonElement figure : untrusted) {
            JsonObject f = figure.getAsJsonObject();
            String text = f.get("text").getAsString();
            assertTrue(f.get("drawn").getAsBoolean() || text.contains("trust the notebook") || text.contains("needs plotly.js"),
                    "an untrusted figure neither drew nor said what to do: " + f);
        }
    }
}
