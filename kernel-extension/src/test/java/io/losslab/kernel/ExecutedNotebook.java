package io.losslab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A notebook as {@code execute_notebook.py} left it, read the way a person reads it: each cell
 * found by the {@code losslab.check} name in its metadata, and its outputs by kind and MIME type.
 */
final class ExecutedNotebook {

    private final Map<String, JsonObject> cells = new HashMap<>();

    private ExecutedNotebook(JsonObject notebook) {
        for (JsonElement cell : notebook.getAsJsonArray("cells")) {
            JsonObject losslab = cell.getAsJsonObject().getAsJsonObject("metadata").getAsJsonObject("losslab");
            if (losslab != null) {
                cells.put(losslab.get("check").getAsString(), cell.getAsJsonObject());
            }
        }
    }

    static ExecutedNotebook read(Path file) throws IOException {
        return new ExecutedNotebook(new Gson().fromJson(Files.readString(file), JsonObject.class));
    }

    /** Every output of the cell, in order. */
    List<JsonObject> outputs(String check) {
        JsonObject cell = cells.get(check);
        assertTrue(cell != null, "the notebook has no cell '" + check + "'");
        List<JsonObject> outputs = new ArrayList<>();
        cell.getAsJsonArray("outputs").forEach(o -> outputs.add(o.getAsJsonObject()));
        return outputs;
    }

    /** Notebook text, which nbformat may store as a list of lines. */
    static String text(JsonElement multiline) {
        if (multiline.isJsonArray()) {
            StringBuilder joined = new StringBuilder();
            multiline.getAsJsonArray().forEach(part -> joined.append(part.getAsString()));
            return joined.toString();
        }
        return multiline.getAsString();
    }

    /** The cell's outputs of one kind: stream, display_data, execute_result or error. */
    List<JsonObject> outputsOfType(String check, String type) {
        return outputs(check).stream().filter(o -> o.get("output_type").getAsString().equals(type)).toList();
    }

    /** The one result of a cell, in one MIME type; fails if the cell failed or has no result. */
    String result(String check, String mimeType) {
        List<JsonObject> results = outputsOfType(check, "execute_result");
        assertEquals(1, results.size(), check + " should have one result: " + outputs(check));
        assertTrue(outputsOfType(check, "error").isEmpty(), check + " failed: " + outputs(check));
        return text(results.get(0).getAsJsonObject("data").get(mimeType));
    }

    /**
     * What the cell shows in one MIME type, every display and result joined; fails if the cell
     * failed or showed nothing of that type.
     */
    String shown(String check, String mimeType) {
        assertTrue(outputsOfType(check, "error").isEmpty(), check + " failed: " + outputs(check));
        String shown = outputs(check).stream()
                .map(o -> o.getAsJsonObject("data"))
                .filter(data -> data != null && data.has(mimeType))
                .map(data -> text(data.get(mimeType)))
                .collect(Collectors.joining("\n"));
        assertFalse(shown.isEmpty(), check + " shows nothing as " + mimeType + ": " + outputs(check));
        return shown;
    }

    /** The Plotly figures a cell displayed or returned, as their JSON. */
    List<JsonObject> figures(String check) {
        return outputs(check).stream()
                .map(o -> o.getAsJsonObject("data"))
                .filter(data -> data != null && data.has("application/vnd.plotly.v1+json"))
                .map(data -> data.getAsJsonObject("application/vnd.plotly.v1+json"))
                .toList();
    }

    /** The output that shows a progress bar; fails if there is none. */
    JsonObject progressBar(String check) {
        return outputs(check).stream()
                .filter(o -> o.getAsJsonObject("data") != null && o.getAsJsonObject("data").has("text/html")
                        && text(o.getAsJsonObject("data").get("text/html")).contains("<progress"))
                .findFirst().orElseThrow(() -> new AssertionError("no progress bar in " + outputs(check)));
    }

    /** The error of a cell: its traceback lines joined; fails if the cell did not fail once. */
    String error(String check) {
        List<JsonObject> errors = outputsOfType(check, "error");
        assertEquals(1, errors.size(), check + " should have failed once: " + outputs(check));
        List<String> lines = new ArrayList<>();
        errors.get(0).getAsJsonArray("traceback").forEach(line -> lines.add(line.getAsString()));
        return String.join("\n", lines);
    }
}
