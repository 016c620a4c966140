package io.losslab.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The figures of a comparison run. */
class ResultFiguresTest {

    @Test
    void recallRunsFromTheSmallestClassToTheLargestOneLinePerLoss() {
        ClassCounts counts = ClassCounts.of("toy", List.of("a", "b", "c"), new long[] {50, 500, 5});
        Map<String, double[]> recall = new LinkedHashMap<>();
        recall.put("ce", new double[] {0.6, 0.9, 0.1});
        recall.put("logit-adjusted(tau=1)", new double[] {0.7, 0.85, 0.4});
        Figure f = Plots.recallByClassSize(counts, recall);
        JsonNode data = FigureJson.parse(f).path("data");
        assertEquals(2, data.size());
        assertEquals("ce", data.path(0).path("name").asText());
        assertEquals("logit-adjusted(tau=1)", data.path(1).path("name").asText());
        assertArrayEquals(new double[] {5, 50, 500}, FigureJson.doubles(data.path(0).path("x")));
        assertArrayEquals(new double[] {0.1, 0.6, 0.9}, FigureJson.doubles(data.path(0).path("y")), 1e-7);
        assertArrayEquals(new double[] {0.4, 0.7, 0.85}, FigureJson.doubles(data.path(1).path("y")), 1e-7);
        assertEquals(List.of("c", "a", "b"), FigureJson.strings(data.path(0).path("text")));
        JsonNode layout = FigureJson.layout(f);
        assertEquals("log", layout.path("xaxis").path("type").asText());
        assertEquals("recall", layout.path("yaxis").path("title").path("text").asText());
        assertTrue(layout.path("xaxis").path("title").path("text").asText().startsWith("training examples"));
    }

    @Test
    void recallMustMatchTheClassesAndBeARate() {
        ClassCounts counts = ClassCounts.of("toy", new long[] {5, 50});
        IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
                () -> Plots.recallByClassSize(counts, Map.of("ce", new double[] {0.5})));
        assertTrue(length.getMessage().contains("1 values for 2 classes"), length.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> Plots.recallByClassSize(counts, Map.of("ce", new double[] {0.5, 1.5})));
        assertTrue(range.getMessage().contains("[1] = 1.5"), range.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Plots.recallByClassSize(counts, Map.of()));
    }

    @Test
    void anyPerClassMetricNamesItsAxisTitleAndMessages() {
        ClassCounts counts = ClassCounts.of("labels", List.of("rare", "common"), new long[] {20, 2000});
        Figure f = Plots.metricByClassSize(counts, "F1", Map.of("zlpr", new double[] {0.4, 0.95}));
        JsonNode layout = FigureJson.layout(f);
        assertEquals("F1", layout.path("yaxis").path("title").path("text").asText());
        assertTrue(layout.path("title").path("text").asText().startsWith("Per-class F1 against class size"));
        assertArrayEquals(new double[] {0.4, 0.95}, FigureJson.doubles(FigureJson.parse(f).path("data").path(0).path("y")), 1e-7);
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> Plots.metricByClassSize(counts, "F1", Map.of("zlpr", new double[] {0.4, -0.1})));
        assertTrue(range.getMessage().startsWith("F1 of 'zlpr'"), range.getMessage());
    }

    @Test
    void shotAccuracyIsGroupedBarsOneColourPerLoss() {
        Map<String, ShotAccuracy> byLoss = new LinkedHashMap<>();
        byLoss.put("ce", new ShotAccuracy(0.61, 0.92, 0.60, Double.NaN));
        byLoss.put("focal(gamma=2)", new ShotAccuracy(0.64, 0.90, 0.64, 0.30));
        Figure f = Plots.shotAccuracy(byLoss);
        JsonNode data = FigureJson.parse(f).path("data");
        assertEquals(List.of("bar", "bar"), FigureJson.traceTypes(f));
        assertEquals(List.of("balanced", "many-shot", "medium-shot", "few-shot"), FigureJson.strings(data.path(0).path("x")));
        double[] ce = FigureJson.doubles(data.path(0).path("y"));
        assertEquals(0.92, ce[1], 1e-7);
        assertTrue(Double.isNaN(ce[3]), "a group without classes is a gap, not a zero");
        assertEquals("focal(gamma=2)", data.path(1).path("name").asText());
        assertEquals("0.300", data.path(1).path("text").path(3).asText());
        assertEquals("group", FigureJson.layout(f).path("barmode").asText());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> new ShotAccuracy(0.5, 1.2, 0.5, 0.5));
        assertTrue(bad.getMessage().contains("many accuracy") && bad.getMessage().contains("1.2"), bad.getMessage());
    }

    @Test
    void confusionMatrixIsColouredByShareOfTheTrueClassAndLabelledWithCounts() {
        Figure f = Plots.confusionMatrix(List.of("head", "tail"), new long[][] {{90, 10}, {3, 1}});
        JsonNode heatmap = FigureJson.trace(f, 0);
        assertEquals("heatmap", heatmap.path("type").asText());
        assertArrayEquals(new double[] {0.9, 0.1}, FigureJson.doubles(heatmap.path("z").path(0)), 1e-7);
        assertArrayEquals(new double[] {0.75, 0.25}, FigureJson.doubles(heatmap.path("z").path(1)), 1e-7);
        assertArrayEquals(new double[] {3, 1}, FigureJson.doubles(heatmap.path("text").path(1)));
        assertEquals("%{text}", heatmap.path("texttemplate").asText());
        assertEquals(List.of("head", "tail"), FigureJson.strings(heatmap.path("x")));
        JsonNode layout = FigureJson.layout(f);
        assertEquals("reversed", layout.path("yaxis").path("autorange").asText(), "the first class on top");
        assertEquals("predicted class", layout.path("xaxis").path("title").path("text").asText());
        assertEquals("true class", layout.path("yaxis").path("title").path("text").asText());
    }

    @Test
    void largeConfusionMatricesDropCellLabelsAndEmptyRowsAreGaps() {
        int k = 25;
        List<String> names = IntStream.range(0, k).mapToObj(i -> "c" + i).toList();
        long[][] counts = new long[k][k];
        for (int i = 1; i < k; i++) {
            counts[i][i] = 4;
        }
        JsonNode heatmap = FigureJson.trace(Plots.confusionMatrix(names, counts), 0);
        assertTrue(heatmap.path("texttemplate").isMissingNode());
        assertTrue(heatmap.path("z").path(0).path(0).isNull(), "class 0 has no examples");
        assertThrows(IllegalArgumentException.class,
                () -> Plots.confusionMatrix(List.of("a", "b"), new long[][] {{1, 2}, {3}}));
    }

    @Test
    void reliabilityDiagramNotesTheEceAndLeavesEmptyBinsOut() {
        double[] confidence = {0.15, 0.55, 0.95};
        double[] accuracy = {0.1, 0.5, 0.8};
        long[] count = {100, 0, 300};
        Figure f = Plots.reliabilityDiagram("ce", confidence, accuracy, count);
        JsonNode data = FigureJson.parse(f).path("data");
        assertArrayEquals(new double[] {0.15, 0.95}, FigureJson.doubles(data.path(0).path("x")), 1e-7);
        assertArrayEquals(new double[] {0.1, 0.8}, FigureJson.doubles(data.path(0).path("y")), 1e-7);
        assertEquals("perfect calibration", data.path(1).path("name").asText());
        assertArrayEquals(new double[] {0, 1}, FigureJson.doubles(data.path(1).path("y")));
        assertEquals("bar", data.path(2).path("type").asText());
        assertEquals("y2", data.path(2).path("yaxis").asText());
        assertArrayEquals(new double[] {100, 300}, FigureJson.doubles(data.path(2).path("y")));
        // ECE = (100 · 0.05 + 300 · 0.15) / 400 = 0.125
        assertTrue(f.title().endsWith("ECE = 0.1250"), f.title());
        assertEquals("confidence", FigureJson.layout(f).path("xaxis2").path("title").path("text").asText());
        assertEquals("accuracy", FigureJson.layout(f).path("yaxis").path("title").path("text").asText());
    }

    @Test
    void reliabilityInputsMustAgree() {
        assertThrows(IllegalArgumentException.class,
                () -> Plots.reliabilityDiagram("ce", new double[] {0.5}, new double[] {0.5, 0.6}, new long[] {1}));
        assertThrows(IllegalArgumentException.class,
                () -> Plots.reliabilityDiagram("ce", new double[] {0.5}, new double[] {0.5}, new long[] {0}));
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> Plots.reliabilityDiagram("ce", new double[] {1.5}, new double[] {0.5}, new long[] {1}));
        assertTrue(range.getMessage().contains("confidence[0] = 1.5"), range.getMessage());
    }
}
