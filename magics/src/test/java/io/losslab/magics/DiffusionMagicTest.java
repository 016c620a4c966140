package io.losslab.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.losslab.diffusion.DiffusionModel;
import io.losslab.plot.Figure;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@code %diffusion} with a short training run: what it shows, binds and measures. */
class DiffusionMagicTest {

    private final MagicRegistry magics = MagicRegistry.standard();
    private final RecordingContext context = new RecordingContext();

    @Test
    void showsBothProcessesTrainsAndMeasures() throws Exception {
        RichText result = (RichText) magics.run("diffusion", Arrays.asList("two-moons steps=60 as moons".split(" ")), null, context);
        DiffusionModel model = Workspace.get("moons");
        assertEquals(60, model.stepsTrained());
        long frameFigures = context.displayed.stream()
                .filter(d -> d instanceof Figure f && f.toJson().contains("\"frames\":[{")).count();
        assertEquals(2, frameFigures, "forward and reverse processes, each with frames");
        assertTrue(context.displayed.stream().anyMatch(d -> d instanceof Figure f && f.toJson().contains("\"name\":\"data\"")),
                "the samples are drawn over the data");
        assertTrue(result.text().contains("energy distance") || result.text().contains("floor"), result.text());
        String bar = context.displayed.stream().filter(d -> d instanceof RichText t && t.html().contains("<progress"))
                .map(Object::toString).findFirst().orElseThrow();
        assertTrue(bar.contains("100% 60/60"), "a finished run's bar is full: " + bar);
    }

    @Test
    void mistakesAreNamed() {
        MagicUsageException e = assertThrows(MagicUsageException.class,
                () -> magics.run("diffusion", Arrays.asList("spiral steps=10".split(" ")), null, context));
        assertTrue(e.getMessage().contains("set = spiral is not a 2-D set"), e.getMessage());
        e = assertThrows(MagicUsageException.class,
                () -> magics.run("diffusion", Arrays.asList("rings sampler=euler".split(" ")), null, context));
        assertTrue(e.getMessage().contains("sampler = euler"), e.getMessage());
        e = assertThrows(MagicUsageException.class,
                () -> magics.run("diffusion", Arrays.asList("spiral sampler=ddim ddim-steps=20".split(" ")), null, context));
        assertTrue(e.getMessage().contains("set = spiral is not a 2-D set"), "ddim-steps is read as an option: " + e.getMessage());
        e = assertThrows(MagicUsageException.class,
                () -> magics.run("diffusion", Arrays.asList("rings steps=1e12".split(" ")), null, context));
        assertTrue(e.getMessage().contains("steps = 1e12 is out of range for an int count"), e.getMessage());
        e = assertThrows(MagicUsageException.class,
                () -> magics.run("diffusion", Arrays.asList("rings steps=60 as class".split(" ")), null, context));
        assertTrue(e.getMessage().contains("as class: 'class' is not a Java variable name"), e.getMessage());
        assertEquals(0, context.displayed.size(), "nothing is shown or trained for a mistake");
    }
}
