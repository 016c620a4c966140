package io.losslab.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.losslab.plot.Figure;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code %lossplot}: the figure it returns, spaced specs, and mistakes. */
class LossPlotMagicTest {

    private final MagicRegistry magics = MagicRegistry.standard();
    private final RecordingContext context = new RecordingContext();

    private Object run(String line) throws Exception {
        return magics.run("lossplot", Arrays.asList(line.split(" ")), null, context);
    }

    @Test
    void drawsEveryLossNamed() throws Exception {
        Figure figure = (Figure) run("ce focal(gamma=2) logit-adjusted(tau=1)");
        String json = figure.toJson();
        for (String spec : List.of("focal(gamma=2)", "logit-adjusted(tau=1)")) {
            assertTrue(json.contains(spec), spec + " missing from " + json);
        }
    }

    @Test
    void specsWithSpacesInsideStayWhole() throws Exception {
        Figure spaced = (Figure) run("focal(gamma=2, alpha=[1, 2]) ce");
        assertTrue(spaced.toJson().contains("focal(gamma=2, alpha=[1, 2])"), spaced.toJson());
    }

    @Test
    void theSliderMovesInAPageWithNoKernel() throws Exception {
        Figure slider = (Figure) run("slider focal");
        assertTrue(slider.toJson().contains("\"sliders\""), slider.toJson());
    }

    @Test
    void exactIsInTheListAndHasASliderOverSigma() throws Exception {
        assertTrue(magics.get("lossplot").usage().contains("exact(sigma=1)"), "the usage lists the catalogue");
        Figure shapes = (Figure) run("ce exact(sigma=0.5)");
        assertTrue(shapes.toJson().contains("exact(sigma=0.5)"), shapes.toJson());
        Figure slider = (Figure) run("slider exact");
        assertTrue(slider.toJson().contains("σ = "), slider.toJson());
    }

    @Test
    void mistakesAreNamed() {
        MagicUsageException e = assertThrows(MagicUsageException.class, () -> run("ce counts=9,x"));
        assertTrue(e.getMessage().contains("counts = 9,x is not a list of whole numbers"), e.getMessage());
        e = assertThrows(MagicUsageException.class, () -> run("ce class=5"));
        assertTrue(e.getMessage().contains("class = 5 is outside [0, 2)"), e.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> run("fokal"));
        assertTrue(unknown.getMessage().contains("unknown loss 'fokal'"), unknown.getMessage());
        for (String counts : List.of("0,0", "-5,3")) {
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> run("ce counts=" + counts));
            assertTrue(bad.getMessage().startsWith("counts[0] = " + counts.split(",")[0] + " must be positive"), bad.getMessage());
        }
        assertEquals(0, context.displayed.size(), "nothing is shown for a mistake");
    }
}
