package io.losslab.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.losslab.train.MultiTaskListener;
import io.losslab.train.MultiTaskProgress;
import io.losslab.train.TaskScore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-task curves of a multi-task run. */
class MultiTaskFiguresTest {

    private static MultiTaskProgress epoch(int epoch, double classLoss, double valueLoss, double weight) {
        return new MultiTaskProgress(epoch, 2, classLoss + valueLoss, List.of(
                new MultiTaskProgress.TaskEpoch("class", classLoss, weight,
                        new TaskScore("class", classLoss, 0.5 + 0.1 * epoch, "balanced accuracy")),
                new MultiTaskProgress.TaskEpoch("value", valueLoss, 1, null)), epoch);
    }

    @Test
    void eachTaskHasALossAWeightAndAMetricCurveInItsOwnColour() {
        Figure f = MultiTaskFigures.curves(List.of(epoch(1, 0.7, 900, 2), epoch(2, 0.4, 300, 3)));
        JsonNode data = FigureJson.parse(f).path("data");
        assertEquals(6, data.size(), "three panels of two tasks");
        assertEquals("class", data.path(0).path("name").asText());
        assertArrayEquals(new double[] {0.7, 0.4}, FigureJson.doubles(data.path(0).path("y")), 1e-12);
        assertArrayEquals(new double[] {2, 3}, FigureJson.doubles(data.path(1).path("y")), 1e-12);
        assertEquals("y2", data.path(1).path("yaxis").asText());
        assertArrayEquals(new double[] {0.6, 0.7}, FigureJson.doubles(data.path(2).path("y")), 1e-12);
        assertEquals("y3", data.path(2).path("yaxis").asText());
        assertArrayEquals(new double[] {900, 300}, FigureJson.doubles(data.path(3).path("y")), 1e-12);
        assertTrue(data.path(5).path("y").path(0).isNull(), "no validation draws a gap, not a zero");
        assertEquals(data.path(3).path("line").path("color"), data.path(5).path("line").path("color"));
        assertTrue(!data.path(0).path("line").path("color").equals(data.path(3).path("line").path("color")));
        assertEquals("log", FigureJson.layout(f).path("yaxis").path("type").asText());
    }

    @Test
    void aLiveListenerShowsTheFirstEpochThenUpdatesThatDisplayAndEndsWithTheFinishedFigureOfTheWholeRun() {
        List<String> shown = new ArrayList<>();
        List<Figure> updates = new ArrayList<>();
        MultiTaskListener live = MultiTaskFigures.live(f -> {
            shown.add(f.toJson());
            return "curves";
        }, (id, f) -> {
            assertEquals("curves", id, "every update goes to the display the first epoch made");
            updates.add(f);
        });
        live.epochFinished(epoch(1, 0.7, 900, 2));
        live.epochFinished(epoch(2, 0.4, 300, 3));
        assertEquals(1, shown.size());
        Figure last = updates.get(updates.size() - 1);
        assertEquals(MultiTaskFigures.curves(List.of(epoch(1, 0.7, 900, 2), epoch(2, 0.4, 300, 3))).toJson(), last.toJson(),
                "the last epoch's figure holds the whole run");
    }

    @Test
    void anEmptyHistoryIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MultiTaskFigures.curves(List.of()));
        assertEquals("history must hold at least one epoch, but is empty", e.getMessage());
    }
}
