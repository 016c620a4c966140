package io.losslab.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The class-distribution figures: sorted bars, shot groups, ρ, and two sets side by side. */
class DistributionFiguresTest {

    /** Counts 1000 … 10 in a shuffled class order; see {@link SampleFigures#longTail()}. */
    private static final ClassCounts LONG_TAIL = SampleFigures.longTail();

    @Test
    void barsAreSortedByCountAndColouredByShotGroup() {
        Figure f = Plots.classDistribution(LONG_TAIL);
        JsonNode root = FigureJson.parse(f);
        assertEquals(List.of("bar", "bar", "bar"), FigureJson.traceTypes(f));
        List<String> names = new ArrayList<>();
        root.path("data").forEach(t -> names.add(t.path("name").asText()));
        assertEquals(List.of("many-shot (> 100)", "medium-shot (20–100)", "few-shot (< 20)"), names);

        assertArrayEquals(new double[] {1000, 599, 359, 215, 129}, FigureJson.doubles(root.path("data").path(0).path("y")));
        assertArrayEquals(new double[] {77, 46, 28}, FigureJson.doubles(root.path("data").path(1).path("y")));
        assertArrayEquals(new double[] {17, 10}, FigureJson.doubles(root.path("data").path(2).path("y")));
        assertEquals(List.of("trouser", "dress", "sandal", "T-shirt", "sneaker"),
                FigureJson.strings(root.path("data").path(0).path("x")));

        JsonNode xaxis = root.path("layout").path("xaxis");
        assertEquals("category", xaxis.path("type").asText(), "class names such as \"0\" must not be read as numbers");
        assertEquals(List.of("trouser", "dress", "sandal", "T-shirt", "sneaker", "shirt", "ankle boot", "pullover", "bag", "coat"),
                FigureJson.strings(xaxis.path("categoryarray")));
        assertEquals("class, largest first", xaxis.path("title").path("text").asText());
        assertEquals("examples", root.path("layout").path("yaxis").path("title").path("text").asText());
        assertEquals("linear", root.path("layout").path("yaxis").path("type").asText());
        assertEquals("Class distribution of Fashion-MNIST-LT", f.title());
    }

    @Test
    void groupBoundariesAreDashedBetweenTheBarsAndRhoIsNoted() {
        JsonNode layout = FigureJson.layout(Plots.classDistribution(LONG_TAIL));
        JsonNode shapes = layout.path("shapes");
        assertEquals(2, shapes.size(), shapes.toString());
        assertEquals(4.5, shapes.path(0).path("x0").asDouble(), "between the fifth bar (129) and the sixth (77)");
        assertEquals(7.5, shapes.path(1).path("x0").asDouble(), "between the eighth bar (28) and the ninth (17)");
        assertEquals("dash", shapes.path(0).path("line").path("dash").asText());
        String note = layout.path("annotations").path(0).path("text").asText();
        assertTrue(note.contains("ρ = n<sub>max</sub> / n<sub>min</sub> = 100"), note);
        assertTrue(note.startsWith("K = 10, N = 2,480, "), note);
    }

    @Test
    void logScaleLabelsPowersOfTen() {
        JsonNode yaxis = FigureJson.layout(Plots.classDistribution(LONG_TAIL, Scale.LOG)).path("yaxis");
        assertEquals("log", yaxis.path("type").asText());
        assertEquals(1, yaxis.path("dtick").asInt());
    }

    @Test
    void otherThresholdsRegroupTheClasses() {
        JsonNode root = FigureJson.parse(Plots.classDistribution(LONG_TAIL, Scale.LINEAR, 500, 50));
        assertEquals("many-shot (> 500)", root.path("data").path(0).path("name").asText());
        assertEquals(2, root.path("data").path(0).path("y").size());
        assertEquals("medium-shot (50–500)", root.path("data").path(1).path("name").asText());
        assertEquals(4, root.path("data").path(1).path("y").size());
        assertEquals(4, root.path("data").path(2).path("y").size());
    }

    @Test
    void aBalancedSetHasOneGroupNoBoundaryAndRhoOne() {
        Figure f = Plots.classDistribution(SampleFigures.balanced());
        JsonNode layout = FigureJson.layout(f);
        assertEquals(List.of("bar"), FigureJson.traceTypes(f));
        assertEquals(0, layout.path("shapes").size());
        assertTrue(layout.path("annotations").path(0).path("text").asText().endsWith("= 1"));
    }

    @Test
    void anEmptyClassMakesRhoInfinite() {
        JsonNode layout = FigureJson.layout(Plots.classDistribution(ClassCounts.of("gap", new long[] {10, 0})));
        assertTrue(layout.path("annotations").path(0).path("text").asText().endsWith("= ∞"));
    }

    @Test
    void twoSetsSideBySideShareOneCountScaleAndOneLegend() {
        Figure f = Plots.classDistributions(SampleFigures.balanced(), LONG_TAIL, Scale.LOG);
        JsonNode root = FigureJson.parse(f);
        JsonNode data = root.path("data");
        assertEquals(4, data.size(), "one group on the left, three on the right");
        assertEquals("x", data.path(0).path("xaxis").asText());
        assertEquals("x2", data.path(1).path("xaxis").asText());
        assertEquals("y2", data.path(3).path("yaxis").asText());
        int inLegend = 0;
        for (JsonNode trace : data) {
            inLegend += trace.path("showlegend").asBoolean() ? 1 : 0;
        }
        assertEquals(3, inLegend, "each shot group once in the legend");
        JsonNode layout = root.path("layout");
        assertEquals("y", layout.path("yaxis2").path("matches").asText());
        assertEquals("log", layout.path("yaxis2").path("type").asText());
        assertEquals("category", layout.path("xaxis2").path("type").asText());
        assertTrue(layout.path("annotations").path(0).path("text").asText().startsWith("<b>Fashion-MNIST</b>"));
        assertTrue(layout.path("annotations").path(1).path("text").asText().startsWith("<b>Fashion-MNIST-LT</b>"));
        assertEquals("x2", layout.path("shapes").path(0).path("xref").asText(), "the boundaries of the right panel");
        assertEquals("Class distribution: Fashion-MNIST and Fashion-MNIST-LT", f.title());
    }

    @Test
    void badInputsAreRefusedWithTheirValues() {
        IllegalArgumentException overlap = assertThrows(IllegalArgumentException.class,
                () -> Plots.classDistribution(LONG_TAIL, Scale.LOG, 100, 200));
        assertTrue(overlap.getMessage().contains("fewBelow = 200"), overlap.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClassCounts.of("x", List.of("a"), new long[] {1, 2}));
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> ClassCounts.of("x", new long[] {3, -1}));
        assertTrue(negative.getMessage().contains("counts[1] = -1"), negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClassCounts.of("x", List.of("a", "a"), new long[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> ClassCounts.of("x", new long[0]));
    }
}
