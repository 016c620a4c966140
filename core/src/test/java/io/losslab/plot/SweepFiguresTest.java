package io.losslab.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.losslab.data.DataSplits;
import io.losslab.data.GaussianClasses;
import io.losslab.eval.ConfidenceInterval;
import io.losslab.experiment.LocalSweepRunner;
import io.losslab.experiment.Sweep;
import io.losslab.experiment.SweepMetric;
import io.losslab.experiment.SweepTable;
import io.losslab.train.NdTrainer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A small real sweep's figures: bars with the table's intervals as error bars, recall lines inside their bands. */
class SweepFiguresTest {

    private static final GaussianClasses CLASSES = GaussianClasses.isotropic(
            new double[][] {{0, 0}, {2, 0}, {0, 2}}, 1.0, new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3});
    private static final SweepTable TABLE = Sweep.builder(NdTrainer.builder().adam(0.05).epochs(2).batchSize(64).build())
            .losses("ce", "logit-adjusted(tau=1)").ratios(10).seeds(3).runner(new LocalSweepRunner(2)).build()
            .run(DataSplits.of(CLASSES.sample(new long[] {400, 400, 400}, 1), CLASSES.sample(new long[] {200, 200, 200}, 2)));

    @Test
    void barsCarryTheTablesMeansAndIntervals() {
        Figure figure = Plots.shotAccuracy(TABLE, 10);
        JsonNode bars = FigureJson.trace(figure, 1);
        ConfidenceInterval balanced = TABLE.row("logit-adjusted(tau=1)", 10).interval(SweepMetric.BALANCED_ACCURACY);
        assertEquals("logit-adjusted(tau=1)", bars.path("name").asText());
        assertEquals(balanced.mean(), FigureJson.doubles(bars.path("y"))[0], 1e-6);
        assertEquals(balanced.halfWidth(), FigureJson.doubles(bars.path("error_y").path("array"))[0], 1e-6);
        assertTrue(FigureJson.layout(figure).path("title").path("text").asText().contains("3 seeds — ρ = 10"));
    }

    @Test
    void recallLinesRunInsideTheirBandsFromTheTailToTheHead() {
        JsonNode data = FigureJson.parse(Plots.recallByClassSize(TABLE, 10)).path("data");
        assertEquals(6, data.size(), "a lower edge, a filled upper edge and a line per contender");
        assertArrayEquals(new double[] {40, 126, 400}, FigureJson.doubles(data.path(2).path("x")));
        double[] lower = FigureJson.doubles(data.path(0).path("y"));
        double[] upper = FigureJson.doubles(data.path(1).path("y"));
        double[] mean = FigureJson.doubles(data.path(2).path("y"));
        assertEquals("tonexty", data.path(1).path("fill").asText());
        for (int i = 0; i < mean.length; i++) {
            assertTrue(lower[i] <= mean[i] && mean[i] <= upper[i], "class " + i + ": " + lower[i] + " " + mean[i] + " " + upper[i]);
        }
        assertTrue(upper[0] > lower[0], "three seeds give the tail class a band of some width");
        assertEquals(List.of("ce", "logit-adjusted(tau=1)"), List.of(data.path(2).path("name").asText(),
                data.path(5).path("name").asText()));
    }
}
