package io.losslab.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.losslab.loss.LossShape;
import io.losslab.loss.Losses;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Loss-shape figures and the teaching sliders. */
class LossFiguresTest {

    private static final double[] P = LossShape.grid(99);

    @Test
    void eachLossHasAValueAndAWeightCurveInOneLegendEntry() {
        Figure f = Plots.lossShapes("ce", "focal(gamma=2)");
        JsonNode data = FigureJson.parse(f).path("data");
        assertEquals(4, data.size(), "ce is in the list, so no extra reference");
        assertEquals("ce", data.path(0).path("name").asText());
        assertEquals("focal(gamma=2)", data.path(2).path("name").asText());
        assertEquals("x2", data.path(3).path("xaxis").asText(), "weights in the right panel");
        assertEquals(false, data.path(3).path("showlegend").asBoolean(true));
        assertEquals(data.path(2).path("line").path("color"), data.path(3).path("line").path("color"));

        LossShape focal = LossShape.of(Losses.focal(2), 2, 0, P);
        assertArrayEquals(P, FigureJson.doubles(data.path(2).path("x")), 1e-7);
        assertArrayEquals(focal.value(), FigureJson.doubles(data.path(2).path("y")), 1e-6);
        assertArrayEquals(focal.gradientWeight(), FigureJson.doubles(data.path(3).path("y")), 1e-6);
        for (double w : FigureJson.doubles(data.path(1).path("y"))) {
            assertEquals(1.0, w, 1e-6, "ce's weight relative to itself");
        }
        JsonNode layout = FigureJson.layout(f);
        assertTrue(layout.path("yaxis2").path("title").path("text").asText().startsWith("gradient weight"));
        assertEquals("loss per example", layout.path("yaxis").path("title").path("text").asText());
        assertTrue(layout.path("xaxis").path("title").path("text").asText().startsWith("target probability"));
    }

    @Test
    void ceIsAddedAsADashedReferenceWhenNotListed() {
        JsonNode data = FigureJson.parse(Plots.lossShapes("focal(gamma=1)")).path("data");
        assertEquals(4, data.size());
        assertEquals("ce (reference)", data.path(2).path("name").asText());
        assertEquals("dash", data.path(2).path("line").path("dash").asText());
    }

    @Test
    void withClassCountsTheTailClassGetsMoreWeightUnderLogitAdjustment() {
        Figure f = Plots.lossShapes(List.of(Losses.logitAdjusted(1)), new long[] {900, 100}, 1);
        double[] weight = FigureJson.doubles(FigureJson.trace(f, 1).path("y"));
        assertTrue(weight[49] > 1, "tail weight at p_y = 0.5: " + weight[49]);
        assertTrue(f.title().contains("target class 1 (n = 100)"), f.title());
    }

    @Test
    void aLossThatNeedsCountsSaysSoWhenNotGivenThem() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Plots.lossShapes("logit-adjusted"));
        assertTrue(e.getMessage().contains("withClassCounts"), e.getMessage());
    }

    @Test
    void focalSliderStepsThroughGammaFromTwo() {
        Figure f = Plots.lossSlider("focal");
        JsonNode root = FigureJson.parse(f);
        JsonNode slider = root.path("layout").path("sliders").path(0);
        JsonNode steps = slider.path("steps");
        assertEquals(11, steps.size());
        assertEquals("0", steps.path(0).path("label").asText());
        assertEquals("2.5", steps.path(5).path("label").asText());
        assertEquals(4, slider.path("active").asInt(), "γ = 2, the default");
        assertEquals("γ = ", slider.path("currentvalue").path("prefix").asText());

        JsonNode step = steps.path(7);
        assertEquals("update", step.path("method").asText());
        JsonNode ys = step.path("args").path(0).path("y");
        LossShape gamma35 = LossShape.of(Losses.focal(3.5), 2, 0, P);
        assertArrayEquals(gamma35.value(), FigureJson.doubles(ys.path(0)), 1e-6);
        assertArrayEquals(gamma35.gradientWeight(), FigureJson.doubles(ys.path(1)), 1e-6);
        assertTrue(step.path("args").path(1).path("title.text").asText().startsWith("focal(gamma=3.5)"));
        assertArrayEquals(new double[] {0, 1}, FigureJson.doubles(step.path("args").path(2)), "only the moving curves");

        for (double w : FigureJson.doubles(steps.path(0).path("args").path(0).path("y").path(1))) {
            assertEquals(1.0, w, 1e-6, "γ = 0 is ce");
        }
        LossShape gamma2 = LossShape.of(Losses.focal(2), 2, 0, P);
        assertArrayEquals(gamma2.gradientWeight(), FigureJson.doubles(root.path("data").path(1).path("y")), 1e-6,
                "the figure starts at the active step");
        assertEquals(4, root.path("data").size(), "value, weight, and ce's two reference curves");
        JsonNode yaxis2 = root.path("layout").path("yaxis2");
        assertEquals(2, yaxis2.path("range").size(), "fixed range while the slider moves");
    }

    @Test
    void logitAdjustedSliderDrawsAHeadAndATailClass() {
        JsonNode root = FigureJson.parse(Plots.lossSlider("logit-adjusted"));
        JsonNode data = root.path("data");
        assertEquals(6, data.size());
        assertEquals("class 0 (n = 900)", data.path(0).path("name").asText());
        assertEquals("class 1 (n = 100)", data.path(2).path("name").asText());
        JsonNode steps = root.path("layout").path("sliders").path(0).path("steps");
        assertEquals(9, steps.size());
        JsonNode tauZero = steps.path(0).path("args").path(0).path("y");
        assertEquals(1.0, FigureJson.doubles(tauZero.path(1))[49], 1e-6, "τ = 0 is ce for the head");
        assertEquals(1.0, FigureJson.doubles(tauZero.path(3))[49], 1e-6, "and for the tail");
        JsonNode tauOne = steps.path(4).path("args").path(0).path("y");
        assertTrue(FigureJson.doubles(tauOne.path(3))[49] > 1 && FigureJson.doubles(tauOne.path(1))[49] < 1);
        assertArrayEquals(new double[] {0, 1, 2, 3}, FigureJson.doubles(steps.path(0).path("args").path(2)));
    }

    @Test
    void oneExplodingStepDoesNotFlattenTheWeightAxis() {
        // A strong adjustment leaves the tail class a weight that grows without bound as p_y → 1.
        JsonNode layout = FigureJson.layout(Plots.lossSlider("logit-adjusted", "tau",
                new double[] {0, 1, 4, 8}, new long[] {900, 100}));
        double top = FigureJson.doubles(layout.path("yaxis2").path("range"))[1];
        double largest = 0;
        for (JsonNode step : layout.path("sliders").path(0).path("steps")) {
            for (JsonNode trace : step.path("args").path(0).path("y")) {
                for (double w : FigureJson.doubles(trace)) {
                    largest = Math.max(largest, w);
                }
            }
        }
        assertTrue(top >= 1.1 && top < largest / 5, "axis top " + top + ", largest weight " + largest);
    }

    @Test
    void softTruncationAndAmSoftmaxSlidersStartAtTheirDefaults() {
        JsonNode k = FigureJson.layout(Plots.lossSlider("soft-truncation")).path("sliders").path(0);
        assertEquals("K = ", k.path("currentvalue").path("prefix").asText());
        assertEquals("1", k.path("steps").path(k.path("active").asInt()).path("label").asText());

        Figure margin = Plots.lossSlider("am-softmax");
        JsonNode m = FigureJson.layout(margin).path("sliders").path(0);
        assertEquals("m = ", m.path("currentvalue").path("prefix").asText());
        assertEquals("0.35", m.path("steps").path(m.path("active").asInt()).path("label").asText());
        assertTrue(margin.title().startsWith("am-softmax(scale=1, margin=0.35)"), margin.title());
    }

    @Test
    void exactSliderStartsAtSigmaOneAndSteepensAsSigmaFalls() {
        Figure f = Plots.lossSlider("exact");
        JsonNode slider = FigureJson.layout(f).path("sliders").path(0);
        assertEquals("σ = ", slider.path("currentvalue").path("prefix").asText());
        assertEquals("1", slider.path("steps").path(slider.path("active").asInt()).path("label").asText());
        assertTrue(f.title().startsWith("exact(sigma=1)"), f.title());
        JsonNode steps = slider.path("steps");
        // Each step's y holds the value and the weight curve; at p_y = 0.75 a smaller σ leaves less loss.
        double smallest = FigureJson.doubles(steps.path(0).path("args").path(0).path("y").path(0))[74];
        double largest = FigureJson.doubles(steps.path(steps.size() - 1).path("args").path(0).path("y").path(0))[74];
        assertTrue(smallest < largest, "σ = 0.125 gives " + smallest + ", σ = 4 gives " + largest);
    }

    @Test
    void anyLossParameterCanHaveASlider() {
        Figure f = Plots.lossSlider("flooding(loss=ce)", "b", 0, 0.5, 1);
        JsonNode steps = FigureJson.layout(f).path("sliders").path(0).path("steps");
        assertEquals(3, steps.size());
        assertTrue(steps.path(1).path("args").path(1).path("title.text").asText().startsWith("flooding(b=0.5, loss=ce)"),
                steps.path(1).toString());
        assertEquals("flooding", FigureJson.trace(f, 0).path("name").asText());
    }

    @Test
    void unknownSlidersAndEmptyValuesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Plots.lossSlider("dice"));
        assertTrue(e.getMessage().contains("focal, logit-adjusted, soft-truncation, am-softmax, exact"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Plots.lossSlider("focal", "gamma"));
        assertThrows(IllegalArgumentException.class, () -> Plots.lossShapes(List.of()));
    }

    @Test
    void classCountsMustBePositiveEvenForLossesThatIgnoreThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Plots.lossShapes(List.of(Losses.ce()), new long[] {0, 0}, 1));
        assertEquals("counts[0] = 0 must be positive: every class needs at least one training example", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Plots.lossSlider("focal", "gamma", new double[] {1, 2}, new long[] {-5, 3}));
        assertEquals("counts[0] = -5 must be positive: every class needs at least one training example", e.getMessage());
    }
}
