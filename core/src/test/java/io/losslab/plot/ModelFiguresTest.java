package io.losslab.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Decision regions, diffusion frames and image grids, with the thinning of large inputs. */
class ModelFiguresTest {

    @Test
    void decisionRegionsAreAClassHeatmapUnderOneScatterPerClass() {
        Figure f = SampleFigures.regions();
        JsonNode data = FigureJson.parse(f).path("data");
        assertEquals(List.of("heatmap", "scatter", "scatter"), FigureJson.traceTypes(f));
        JsonNode heatmap = data.path(0);
        assertEquals(100, heatmap.path("z").size(), "rows: grid y values");
        assertEquals(120, heatmap.path("z").path(0).size(), "columns: grid x values");
        assertEquals(-0.5, heatmap.path("zmin").asDouble());
        assertEquals(1.5, heatmap.path("zmax").asDouble());
        assertEquals(4, heatmap.path("colorscale").size(), "two flat bands");
        assertEquals("upper moon", data.path(1).path("name").asText());
        assertEquals("lower moon", data.path(2).path("name").asText());
        assertEquals(400, data.path(1).path("x").size() + data.path(2).path("x").size());
        assertEquals("markers", data.path(1).path("mode").asText());
        assertEquals("Decision regions and data", f.title());
        assertEquals("x", FigureJson.layout(f).path("yaxis").path("scaleanchor").asText());
    }

    @Test
    void largeGridsAndPointSetsAreThinnedWithANote() {
        int n = 60_000;
        double[][] points = new double[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            points[i] = new double[] {i % 300, i / 300.0};
            labels[i] = i % 3;
        }
        double[] gx = SampleFigures.grid(0, 300, 500);
        double[] gy = SampleFigures.grid(0, 200, 400);
        int[][] predicted = new int[gy.length][gx.length];
        Figure f = Plots.decisionRegions(gx, gy, predicted, points, labels, List.of("a", "b", "c"));
        JsonNode data = FigureJson.parse(f).path("data");
        assertEquals(200, data.path(0).path("z").size());
        assertEquals(200, data.path(0).path("z").path(0).size());
        assertEquals(gx[gx.length - 1], FigureJson.doubles(data.path(0).path("x"))[199], 1e-4, "the grid keeps its last column");
        int shown = 0;
        for (int t = 1; t < data.size(); t++) {
            shown += data.path(t).path("x").size();
        }
        assertEquals(Thinning.MAX_POINTS, shown);
        assertTrue(f.title().contains("showing 50,000 of 60,000 points"), f.title());
        assertTrue(f.title().contains("grid drawn at 200 × 200 of 500 × 400"), f.title());
        Figure again = Plots.decisionRegions(gx, gy, predicted, points, labels, List.of("a", "b", "c"));
        assertEquals(f.toJson(), again.toJson(), "the sample is seeded: the same data, the same picture");
    }

    @Test
    void decisionRegionInputsAreChecked() {
        double[] g = {0, 1};
        IllegalArgumentException cls = assertThrows(IllegalArgumentException.class, () -> Plots.decisionRegions(
                g, g, new int[][] {{0, 1}, {0, 2}}, new double[0][], new int[0], List.of("a", "b")));
        assertTrue(cls.getMessage().contains("predicted[1][1] = 2"), cls.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Plots.decisionRegions(
                g, g, new int[][] {{0, 1}}, new double[0][], new int[0], List.of("a", "b")));
        assertThrows(IllegalArgumentException.class, () -> Plots.decisionRegions(
                g, g, new int[2][2], new double[][] {{1, 2, 3}}, new int[] {0}, List.of("a", "b")));
    }

    @Test
    void anEmbeddingIsOneScatterPerClassWithADirectionLineInTheClassColourOnEqualAxes() {
        Figure f = SampleFigures.embedding();
        JsonNode data = FigureJson.parse(f).path("data");
        assertEquals(List.of("scatter", "scatter", "scatter", "scatter", "scatter", "scatter"), FigureJson.traceTypes(f));
        assertEquals(List.of("setosa", "versicolor", "virginica"),
                List.of(data.path(0).path("name").asText(), data.path(1).path("name").asText(), data.path(2).path("name").asText()));
        assertEquals(300, data.path(0).path("x").size() + data.path(1).path("x").size() + data.path(2).path("x").size());
        assertEquals("markers", data.path(0).path("mode").asText());
        for (int cls = 0; cls < 3; cls++) {
            JsonNode line = data.path(3 + cls);
            assertEquals("lines", line.path("mode").asText());
            assertEquals(Palette.color(cls), line.path("line").path("color").asText());
            assertEquals(Palette.color(cls), data.path(cls).path("marker").path("color").asText());
            assertEquals(data.path(cls).path("legendgroup").asText(), line.path("legendgroup").asText(),
                    "hiding a class hides its direction");
            double[] x = FigureJson.doubles(line.path("x"));
            double[] y = FigureJson.doubles(line.path("y"));
            assertArrayEquals(new double[] {0, 0}, new double[] {x[0], y[0]}, 0, "from the origin");
            assertEquals(1.0, Math.hypot(x[1], y[1]), 1e-6, "as far as the farthest point, here the unit circle");
        }
        assertEquals(Math.cos(0.3), FigureJson.doubles(data.path(3).path("x"))[1], 1e-6);
        assertEquals("x", FigureJson.layout(f).path("yaxis").path("scaleanchor").asText());
        assertEquals("AM-Softmax embedding", f.title());
    }

    @Test
    void anEmbeddingNeedsNoDirectionsAndChecksItsInputs() {
        double[][] points = {{2, 0}, {0, 1}, {-1, -1}};
        Figure f = Plots.embedding("raw", points, new int[] {0, 1, 1}, List.of("a", "b"), null);
        assertEquals(2, FigureJson.parse(f).path("data").size());
        Figure scaled = Plots.embedding("raw", points, new int[] {0, 1, 1}, List.of("a", "b"), new double[][] {{0, 3}, {1, 1}});
        double[] bx = FigureJson.doubles(FigureJson.trace(scaled, 3).path("x"));
        double[] by = FigureJson.doubles(FigureJson.trace(scaled, 3).path("y"));
        assertEquals(2.0, Math.hypot(bx[1], by[1]), 1e-6, "directions reach the farthest point, whatever their own length");
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class, () -> Plots.embedding("x", points,
                new int[] {0, 1, 1}, List.of("a", "b"), new double[][] {{1, 0}}));
        assertTrue(count.getMessage().contains("classDirections has 1 rows for 2 classes"), count.getMessage());
        IllegalArgumentException label = assertThrows(IllegalArgumentException.class, () -> Plots.embedding("x", points,
                new int[] {0, 2, 1}, List.of("a", "b"), null));
        assertTrue(label.getMessage().contains("labels[1] = 2"), label.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Plots.embedding("x", new double[][] {{1, 2, 3}}, new int[] {0},
                List.of("a"), null));
    }

    @Test
    void largeEmbeddingsAreThinnedWithANote() {
        int n = 60_000;
        double[][] points = new double[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            points[i] = new double[] {Math.cos(i), Math.sin(i)};
            labels[i] = i % 2;
        }
        Figure f = Plots.embedding("big", points, labels, List.of("a", "b"), null);
        JsonNode data = FigureJson.parse(f).path("data");
        assertEquals(Thinning.MAX_POINTS, data.path(0).path("x").size() + data.path(1).path("x").size());
        assertTrue(f.title().contains("showing 50,000 of 60,000 points"), f.title());
    }

    @Test
    void diffusionFramesAnimateWithASliderAndPlayButtonOnFixedAxes() {
        Figure f = SampleFigures.diffusion();
        JsonNode root = FigureJson.parse(f);
        JsonNode frames = root.path("frames");
        assertEquals(11, frames.size());
        assertEquals("t=0", frames.path(0).path("name").asText());
        assertEquals("t=1000", frames.path(10).path("name").asText());
        assertEquals(300, frames.path(10).path("data").path(0).path("x").size());
        assertEquals(FigureJson.doubles(frames.path(0).path("data").path(0).path("x"))[5],
                FigureJson.doubles(root.path("data").path(0).path("x"))[5], "the figure opens on the first frame");

        JsonNode layout = root.path("layout");
        JsonNode steps = layout.path("sliders").path(0).path("steps");
        assertEquals(11, steps.size());
        assertEquals("animate", steps.path(3).path("method").asText());
        assertEquals("t=300", steps.path(3).path("args").path(0).path(0).asText());
        assertEquals("300", steps.path(3).path("label").asText());
        JsonNode buttons = layout.path("updatemenus").path(0).path("buttons");
        assertEquals("▶ play", buttons.path(0).path("label").asText());
        assertTrue(buttons.path(0).path("args").path(0).isNull(), "play animates through all frames");
        assertTrue(buttons.path(1).path("args").path(0).path(0).isNull(), "pause animates to [null]");
        assertEquals(false, layout.path("xaxis").path("autorange").asBoolean(true));

        double[] xRange = FigureJson.doubles(layout.path("xaxis").path("range"));
        for (JsonNode frame : frames) {
            for (double x : FigureJson.doubles(frame.path("data").path(0).path("x"))) {
                assertTrue(x > xRange[0] && x < xRange[1], x + " outside the fixed range " + Arrays.toString(xRange));
            }
        }
    }

    @Test
    void longProcessesKeepTheSamePointsInEveryFrameWithinABudget() {
        int n = 10_000;
        int frames = 300;
        int[] steps = new int[frames];
        List<double[][]> samples = new ArrayList<>();
        for (int f = 0; f < frames; f++) {
            steps[f] = f;
            double[][] points = new double[n][];
            for (int i = 0; i < n; i++) {
                points[i] = new double[] {i, f};
            }
            samples.add(points);
        }
        Figure figure = Plots.diffusionFrames("long", steps, samples);
        JsonNode frameArray = FigureJson.parse(figure).path("frames");
        assertEquals(DiffusionFigures.MAX_FRAMES, frameArray.size());
        assertEquals("t=299", frameArray.path(frameArray.size() - 1).path("name").asText(), "the last step is kept");
        int perFrame = DiffusionFigures.POINT_BUDGET / DiffusionFigures.MAX_FRAMES;
        double[] first = FigureJson.doubles(frameArray.path(0).path("data").path(0).path("x"));
        double[] last = FigureJson.doubles(frameArray.path(frameArray.size() - 1).path("data").path(0).path("x"));
        assertEquals(perFrame, first.length);
        assertArrayEquals(first, last, "point i is the same example in every frame");
        Set<Double> distinct = new HashSet<>();
        Arrays.stream(first).forEach(distinct::add);
        assertEquals(perFrame, distinct.size());
        assertTrue(figure.title().contains("showing " + Labels.count(perFrame) + " of 10,000 points per frame"), figure.title());
        assertTrue(figure.title().contains(DiffusionFigures.MAX_FRAMES + " of 300 steps"), figure.title());
    }

    @Test
    void diffusionInputsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> Plots.diffusionFrames("x", new int[] {0, 1}, List.<double[][]>of(new double[1][2])));
        IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
                () -> Plots.diffusionFrames("x", new int[] {0, 1}, List.of(new double[2][2], new double[3][2])));
        assertTrue(ragged.getMessage().contains("samples[1] has 3 points"), ragged.getMessage());
    }

    @Test
    void imageGridTilesImagesIntoOneHeatmapWithBlankGaps() {
        double[][] images = new double[16][64];
        images[5][2 * 8 + 3] = 16;
        images[0][0] = 1;
        Figure f = Plots.imageGrid("digits", images, 8, 8);
        JsonNode heatmap = FigureJson.trace(f, 0);
        JsonNode z = heatmap.path("z");
        assertEquals(4 * 9 - 1, z.size(), "four rows of 8 pixels, a blank line between");
        assertEquals(4 * 9 - 1, z.path(0).size());
        // Image 5 is in tile row 1, column 1 of a 4-wide grid.
        assertEquals(16.0, z.path(9 + 2).path(9 + 3).asDouble());
        assertTrue(z.path(8).path(0).isNull(), "the blank line between tile rows");
        assertTrue(z.path(0).path(8).isNull(), "the blank column between tiles");
        assertEquals(0.0, heatmap.path("zmin").asDouble());
        assertEquals(16.0, heatmap.path("zmax").asDouble());
        JsonNode layout = FigureJson.layout(f);
        assertEquals("reversed", layout.path("yaxis").path("autorange").asText(), "row 0 of an image at the top");
        assertEquals("x", layout.path("yaxis").path("scaleanchor").asText(), "square pixels");
        assertEquals("digits", f.title());
    }

    @Test
    void imageGridShowsAtMostFourHundred() {
        double[][] images = new double[1000][28 * 28];
        Figure f = Plots.imageGrid("fashion", images, 28, 28);
        JsonNode z = FigureJson.trace(f, 0).path("z");
        assertEquals(20 * 29 - 1, z.size());
        assertTrue(f.title().contains("the first 400 of 1,000 images"), f.title());
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> Plots.imageGrid("x", new double[][] {new double[63]}, 8, 8));
        assertTrue(size.getMessage().contains("images[0] has 63 pixels"), size.getMessage());
    }

    @Test
    void samplesAreDrawnOverTheData() {
        double[][] data = {{0, 0}, {1, 1}, {2, 0}};
        double[][] samples = {{0.1, 0.1}, {1.9, 0.1}};
        Figure f = Plots.samplesOverData("moons", data, samples);
        assertEquals(List.of("scatter", "scatter"), FigureJson.traceTypes(f));
        assertEquals("data", FigureJson.trace(f, 0).path("name").asText());
        assertEquals("samples", FigureJson.trace(f, 1).path("name").asText());
        assertArrayEquals(new double[] {0.1, 1.9}, FigureJson.doubles(FigureJson.trace(f, 1).path("x")), 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Plots.samplesOverData("bad", data, new double[][] {{1, 2, 3}}));
        assertTrue(e.getMessage().contains("samples[0] has 3 coordinates"), e.getMessage());
    }
}
