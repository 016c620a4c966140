package io.losslab.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.losslab.diffusion.DiffusionModel;
import io.losslab.plot.Figure;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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
    void anInterruptedRunKeepsItsModelAndSaysWhereItStopped() throws Exception {
        CountDownLatch training = new CountDownLatch(1);
        MagicContext watched = new MagicContext() {
            @Override
            public String display(Object value) {
                return context.display(value);
            }

            @Override
            public void updateDisplay(String displayId, Object value) {
                context.updateDisplay(displayId, value);
                if (value.toString().contains("step ")) {
                    training.countDown();
                }
            }

            @Override
            public void bind(String name, Object value) {
                context.bind(name, value);
            }
        };
        AtomicReference<Object> result = new AtomicReference<>();
        Thread cell = new Thread(() -> {
            try {
                result.set(magics.run("diffusion", Arrays.asList("rings steps=1000000 as stopped".split(" ")), null, watched));
            } catch (Exception e) {
                result.set(e);
            }
        });
        cell.start();
        assertTrue(training.await(60, TimeUnit.SECONDS), "training never reported a step");
        cell.interrupt();
        cell.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(cell.isAlive(), "the magic did not return after the interrupt");

        DiffusionModel model = (DiffusionModel) context.bound.get("stopped");
        assertTrue(model.interrupted(), "the bound model is the interrupted one");
        String text = result.get().toString();
        assertTrue(text.contains("training was interrupted at step " + model.stepsTrained()), text);
        assertTrue(text.contains("bound to stopped"), text);
        assertEquals(1, text.lines().count(), text);
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
