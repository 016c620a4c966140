package io.losslab.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The figure model: strict JSON, immutability, the MIME bundle and plotly.js once per session. */
class FigureTest {

    private static final String LIBRARY_BANNER = "* plotly.js v";

    private static Figure simple(String title) {
        return Figure.of(Layout.titled(title).withAxisTitles("x", "y"),
                Trace.lines(new double[] {1, 2, 3}, new double[] {0.5, 0.25, 0.125}).named("halving"));
    }

    @Test
    void jsonIsStrictWithGapsForNonFiniteValues() {
        Figure f = Figure.of(Layout.titled("gaps"),
                Trace.lines(new double[] {0, 1, 2, 3}, new double[] {1, Double.NaN, Double.POSITIVE_INFINITY, 4}));
        JsonNode root = FigureJson.parse(f);
        List<String> keys = new ArrayList<>();
        root.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("data", "layout", "frames"), keys);
        JsonNode y = root.path("data").path(0).path("y");
        assertTrue(y.get(1).isNull() && y.get(2).isNull(), y.toString());
        assertEquals(4.0, y.get(3).asDouble());
        assertEquals("gaps", root.path("layout").path("title").path("text").asText());
    }

    @Test
    void numbersKeepTheirValueAtFloatPrecision() {
        double[] values = {0.1, 1e-30, 1e40, -2.5, 123456.789};
        Figure f = Figure.of(Layout.titled(""), Trace.lines(new double[values.length], values));
        double[] read = FigureJson.doubles(FigureJson.trace(f, 0).path("y"));
        for (int i = 0; i < values.length; i++) {
            assertEquals(values[i], read[i], Math.abs(values[i]) * 1e-7, "value " + i);
        }
        assertTrue(f.toJson().contains("0.1,"), "0.1 is written as 0.1: " + f.toJson());
    }

    @Test
    void withReturnsANewObjectAndLeavesTheOriginal() {
        Trace plain = Trace.lines(new double[] {0, 1}, new double[] {0, 1});
        Trace red = plain.with("line.color", "red").with("line.width", 3);
        assertFalse(plain.toString().contains("red"), plain.toString());
        JsonNode line = FigureJson.parse(red.toString()).path("line");
        assertEquals("red", line.path("color").asText());
        assertEquals(3, line.path("width").asInt());

        Layout base = Layout.titled("a");
        Layout changed = base.with("title.text", "b").withAppended("annotations", Map.of("text", "note"));
        assertEquals("a", base.title());
        assertEquals("b", changed.title());
        assertEquals("note", FigureJson.parse(changed.toString()).path("annotations").path(0).path("text").asText());

        Figure figure = simple("first");
        assertEquals("first", figure.title());
        assertEquals("second", figure.withTitle("second").title());
        assertEquals("first", figure.title());
    }

    @Test
    void arraysAreCopiedWhenGiven() {
        double[] y = {1, 2, 3};
        Trace t = Trace.lines(new double[] {0, 1, 2}, y);
        y[0] = 99;
        assertArrayEquals(new double[] {1, 2, 3}, FigureJson.doubles(FigureJson.parse(t.toString()).path("y")));
    }

    @Test
    void badAttributesAreRefusedWithTheirName() {
        Trace t = Trace.of("scatter").with("x", new double[] {1});
        IllegalArgumentException through = assertThrows(IllegalArgumentException.class, () -> t.with("x.y", 1));
        assertTrue(through.getMessage().contains("'x'"), through.getMessage());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class, () -> t.with("y", new Object()));
        assertTrue(type.getMessage().contains("java.lang.Object"), type.getMessage());
        IllegalArgumentException lengths = assertThrows(IllegalArgumentException.class,
                () -> Trace.lines(new double[2], new double[3]));
        assertTrue(lengths.getMessage().contains("2") && lengths.getMessage().contains("3"), lengths.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Trace.of(" "));
        assertThrows(IllegalArgumentException.class, () -> Frame.of("", List.of()));
        assertThrows(IllegalArgumentException.class, () -> Layout.titled("t").withAppended("title", 1));
    }

    @Test
    void notebookFiguresCarryNoLibraryAndFindTheOneTheServerServes() {
        String html = simple("one").toHtml();
        assertFalse(html.contains(LIBRARY_BANNER), "an output that carried the library would take it along when re-run");
        assertTrue(html.length() < 10_000, "a figure is only its data and its script: " + html.length() + " characters");
        assertTrue(html.contains(PlotlyJs.SERVED_PATH), "it loads the copy the Jupyter server serves");
        assertTrue(html.contains("trust the notebook"), "a page that does not run the script says what to do: " + html);
    }

    @Test
    void eachFragmentHasItsOwnDivAndDrawsIntoIt() {
        String a = simple("a").toHtml();
        String b = simple("a").toHtml();
        Matcher m = Pattern.compile("<div id=\"(losslab-[0-9a-f-]+)\" class=\"losslab-figure\"").matcher(a);
        assertTrue(m.find(), a);
        assertTrue(a.contains("document.getElementById(\"" + m.group(1) + "\")"), "the script draws into its own div");
        assertFalse(b.contains(m.group(1)), "two outputs of one figure get two ids");
        assertTrue(a.contains("plotly.newPlot(div, figure)"), a);
    }

    @Test
    void labelsCannotCloseTheScriptTheyAreIn() {
        String hostile = "</script><script>alert(1)</script>";
        Figure f = simple(hostile);
        String html = f.toHtml();
        assertEquals(1, count(html, "</script"), "only the fragment's own script ends: " + html);
        assertEquals(hostile, FigureJson.layout(f).path("title").path("text").asText(), "the JSON itself is unchanged");
        assertTrue(f.toStandaloneHtml().contains("<title>&lt;/script&gt;"), "the page title is escaped");
    }

    @Test
    void mimeBundleHoldsHtmlAndPlotlyJson() {
        Figure f = simple("bundle");
        Map<String, String> bundle = f.mimeBundle();
        assertEquals(List.of("text/plain", "text/html", "application/vnd.plotly.v1+json"), List.copyOf(bundle.keySet()));
        assertEquals(FigureJson.parse(f), FigureJson.parse(bundle.get(Figure.PLOTLY_MIME_TYPE)));
        assertEquals("Figure \"bundle\" (1 trace)", bundle.get("text/plain"));
        assertThrows(UnsupportedOperationException.class, () -> bundle.put("x", "y"));
    }

    @Test
    void aFigureInProgressIsDrawnFromItsHtmlOnly() {
        Figure f = simple("changing").inProgress();
        assertEquals(List.of("text/plain", "text/html"), List.copyOf(f.mimeBundle().keySet()));
        assertEquals("changing", f.withTitle("changing").title());
        assertFalse(f.withTitle("still changing").mimeBundle().containsKey(Figure.PLOTLY_MIME_TYPE), "a copy stays in progress");
    }

    @Test
    void saveWritesAPageThatAlwaysCarriesTheLibrary(@TempDir Path dir) throws IOException {
        Path written = simple("saved").save(dir.resolve("figure.html"));
        String page = Files.readString(written, StandardCharsets.UTF_8);
        assertTrue(page.startsWith("<!DOCTYPE html>"), page.substring(0, 40));
        assertTrue(page.contains(LIBRARY_BANNER), "a saved page carries plotly.js");
        assertTrue(page.contains("\"text\":\"saved\""), "and the figure");
        assertEquals(1, count(page, "class=\"losslab-figure\""));
        assertTrue(written.isAbsolute());
    }

    @Test
    void theBundledLibraryIsAMinifiedPlotlyJs() {
        assertTrue(PlotlyJs.version().matches("\\d+\\.\\d+\\.\\d+"), PlotlyJs.version());
        String js = PlotlyJs.script();
        // The unminified bundle is about 11 MB; the minified one about 5.
        assertTrue(js.length() > 2_000_000 && js.length() < 7_000_000, js.length() + " characters");
        assertTrue(js.contains("window.Plotly"), "the bundle defines window.Plotly");
    }

    @Test
    void framesAreWrittenWithTheirNamesAndData() {
        Figure f = simple("frames").withFrames(List.of(
                Frame.of("t=0", List.of(Trace.markers(new double[] {0}, new double[] {0}))),
                Frame.of("t=1", List.of(Trace.markers(new double[] {1}, new double[] {1})))));
        JsonNode frames = FigureJson.parse(f).path("frames");
        assertEquals(2, frames.size());
        assertEquals("t=1", frames.path(1).path("name").asText());
        assertEquals(1.0, frames.path(1).path("data").path(0).path("x").path(0).asDouble());
        assertEquals("Figure \"frames\" (1 trace, 2 frames)", f.toString());
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
