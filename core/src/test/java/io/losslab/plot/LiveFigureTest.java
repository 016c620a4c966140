package io.losslab.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The throttled live figure and the training curves built on it. */
class LiveFigureTest {

    private static final long MS = 1_000_000L;

    private static Figure state(String name) {
        return Figure.of(Layout.titled(name));
    }

    @Test
    void showsAtMostOncePerIntervalAndAlwaysTheLatestState() {
        AtomicLong now = new AtomicLong();
        List<String> shown = new ArrayList<>();
        LiveFigure live = LiveFigure.of(f -> shown.add(f.title()), Duration.ofMillis(250), now::get);
        live.update(state("a"));
        now.set(100 * MS);
        live.update(state("b"));
        now.set(200 * MS);
        live.update(state("c"));
        assertEquals(List.of("a"), shown, "b and c came within 250 ms of a");
        now.set(260 * MS);
        live.update(state("d"));
        assertEquals(List.of("a", "d"), shown);
        now.set(300 * MS);
        live.update(state("e"));
        live.close();
        assertEquals(List.of("a", "d", "e"), shown, "closing shows the state the throttle held back");
        live.close();
        assertEquals(3, live.timesShown(), "closing twice shows nothing more");
    }

    @Test
    void aStateIsBuiltOnlyWhenItIsShown() {
        AtomicLong now = new AtomicLong();
        AtomicInteger built = new AtomicInteger();
        List<Figure> shown = new ArrayList<>();
        LiveFigure live = LiveFigure.of(shown::add, Duration.ofMillis(250), now::get);
        for (int batch = 0; batch < 1000; batch++) {
            now.set(batch * MS);
            String name = "batch " + batch;
            live.update(() -> {
                built.incrementAndGet();
                return state(name);
            });
        }
        live.flush();
        assertEquals(built.get(), shown.size());
        assertEquals(5, shown.size(), "at 0, 250, 500 and 750 ms, then the last on flush");
        assertEquals("batch 999", shown.get(shown.size() - 1).title());
    }

    @Test
    void aFastLoopOnTheRealClockIsThrottled() {
        List<Figure> shown = new ArrayList<>();
        long start = System.nanoTime();
        try (LiveFigure live = LiveFigure.of(shown::add)) {
            for (int i = 0; i < 200_000; i++) {
                int step = i;
                live.update(() -> state("step " + step));
            }
        }
        long elapsed = System.nanoTime() - start;
        long bound = elapsed / LiveFigure.DEFAULT_INTERVAL.toNanos() + 2;
        assertTrue(shown.size() <= bound, shown.size() + " showings in " + elapsed / MS + " ms");
        assertEquals("step 199999", shown.get(shown.size() - 1).title());
    }

    @Test
    void statesAreShownInProgressAndTheLastOnceMoreFinished() {
        AtomicLong now = new AtomicLong();
        List<Figure> shown = new ArrayList<>();
        LiveFigure live = LiveFigure.of(shown::add, Duration.ofMillis(250), now::get);
        live.update(state("a"));
        now.set(300 * MS);
        live.update(state("b"));
        live.close();
        assertEquals(List.of("a", "b", "b"), shown.stream().map(Figure::title).toList());
        assertFalse(shown.get(0).mimeBundle().containsKey(Figure.PLOTLY_MIME_TYPE), "a state in progress is drawn from its HTML");
        assertFalse(shown.get(1).mimeBundle().containsKey(Figure.PLOTLY_MIME_TYPE));
        assertTrue(shown.get(2).mimeBundle().containsKey(Figure.PLOTLY_MIME_TYPE), "the finished figure is whole");
    }

    @Test
    void aNegativeIntervalIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> LiveFigure.of(f -> { }, Duration.ofMillis(-1)));
    }

    @Test
    void trainingCurvesShowTheFinalStateWhenClosed() {
        List<Figure> shown = new ArrayList<>();
        try (TrainingCurves curves = TrainingCurves.live(shown::add, Duration.ofHours(1))) {
            for (int batch = 0; batch < 100; batch++) {
                curves.addLoss(batch / 10.0, 2.0 - batch / 100.0);
            }
            curves.addValidation(10, 0.8);
        }
        assertEquals(2, shown.size(), "the first state at once, the last on close");
        Figure last = shown.get(1);
        JsonNode data = FigureJson.parse(last).path("data");
        assertEquals(100, data.path(0).path("x").size());
        assertEquals(1.01, FigureJson.doubles(data.path(0).path("y"))[99], 1e-6);
        assertArrayEquals(new double[] {0.8}, FigureJson.doubles(data.path(1).path("y")), 1e-7);
        assertTrue(last.title().contains("loss 1.0100 at epoch 9.9"), last.title());
        assertTrue(last.title().contains("validation balanced accuracy 0.800 at epoch 10"), last.title());
    }

    @Test
    void trainingCurvesHaveALossPanelAndAnAccuracyPanelOnOneEpochAxis() {
        Figure f = SampleFigures.training();
        JsonNode root = FigureJson.parse(f);
        assertEquals("training loss", root.path("data").path(0).path("name").asText());
        assertEquals("validation balanced accuracy", root.path("data").path(1).path("name").asText());
        assertEquals("y2", root.path("data").path(1).path("yaxis").asText());
        assertArrayEquals(new double[] {1, 2, 3}, Arrays.copyOf(FigureJson.doubles(root.path("data").path(0).path("x")), 3));
        JsonNode layout = root.path("layout");
        assertEquals("x", layout.path("xaxis2").path("matches").asText());
        assertEquals("epoch", layout.path("xaxis2").path("title").path("text").asText());
        assertArrayEquals(new double[] {0, 1}, FigureJson.doubles(layout.path("yaxis2").path("range")));
    }

    @Test
    void manyLossRecordsAreAveragedInGroups() {
        TrainingCurves curves = TrainingCurves.create();
        for (int i = 0; i < 5000; i++) {
            curves.addLoss(i / 1000.0, i % 2);
        }
        Figure f = curves.figure();
        double[] y = FigureJson.doubles(FigureJson.trace(f, 0).path("y"));
        assertEquals(1667, y.length, "groups of three");
        assertEquals(1 / 3.0, y[0], 1e-6, "0, 1, 0 averaged");
        assertTrue(f.title().contains("loss averaged over groups of 3 records"), f.title());
    }

    @Test
    void curvesDrawOneNamedLinePerSeriesOverEpochsInTheMapsOrder() {
        Figure f = SampleFigures.floodingCurves();
        JsonNode data = FigureJson.parse(f).path("data");
        assertEquals(List.of("ce: training", "ce: validation", "flooding: training", "flooding: validation"),
                List.of(data.path(0).path("name").asText(), data.path(1).path("name").asText(),
                        data.path(2).path("name").asText(), data.path(3).path("name").asText()));
        for (int i = 0; i < 4; i++) {
            assertEquals("lines", data.path(i).path("mode").asText());
            assertEquals(Palette.color(i), data.path(i).path("line").path("color").asText());
            double[] x = FigureJson.doubles(data.path(i).path("x"));
            assertEquals(60, x.length);
            assertEquals(1.0, x[0]);
            assertEquals(60.0, x[59]);
        }
        assertEquals(0.3, FigureJson.doubles(data.path(2).path("y"))[59], 1e-6);
        JsonNode layout = FigureJson.layout(f);
        assertEquals("epoch", layout.path("xaxis").path("title").path("text").asText());
        assertEquals("loss", layout.path("yaxis").path("title").path("text").asText());
        assertEquals("Flooding at b = 0.3", f.title());
    }

    @Test
    void curvesLeaveGapsAtNaNAndNeedASeries() {
        Figure f = Plots.curves("loss", "epoch", "loss", Map.of("validation", new double[] {Double.NaN, 0.5}));
        double[] y = FigureJson.doubles(FigureJson.trace(f, 0).path("y"));
        assertTrue(Double.isNaN(y[0]), "NaN is written as null, a gap");
        assertEquals(0.5, y[1], 1e-9);
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> Plots.curves("loss", "epoch", "loss", Map.of()));
        assertTrue(empty.getMessage().contains("at least one line"), empty.getMessage());
    }

    @Test
    void perEpochArraysSkipMissingValidation() {
        Figure f = Plots.trainingCurves(new double[] {1.0, 0.5, 0.25}, new double[] {Double.NaN, 0.6, 0.7});
        assertArrayEquals(new double[] {2, 3}, FigureJson.doubles(FigureJson.trace(f, 1).path("x")));
    }

    @Test
    void badRecordsAreRefused() {
        TrainingCurves curves = TrainingCurves.create();
        IllegalArgumentException bacc = assertThrows(IllegalArgumentException.class, () -> curves.addValidation(1, 1.5));
        assertTrue(bacc.getMessage().contains("1.5"), bacc.getMessage());
        assertThrows(IllegalArgumentException.class, () -> curves.addLoss(-1, 0.5));
        assertThrows(IllegalArgumentException.class, () -> curves.addLoss(Double.NaN, 0.5));
        assertEquals("Training curves (nothing recorded yet)", curves.figure().title());
    }
}
