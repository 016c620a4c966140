package io.losslab.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry, {@code %losslab} and {@code %device}, without any kernel. */
class MagicRegistryTest {

    private final MagicRegistry magics = MagicRegistry.standard();
    private final RecordingContext context = new RecordingContext();

    @Test
    void losslabListsEveryMagicWithItsSummary() throws Exception {
        RichText listing = (RichText) magics.run("losslab", List.of(), null, context);
        for (Magic magic : magics.all()) {
            assertTrue(listing.text().contains("%" + magic.name()), listing.text());
            assertTrue(listing.html().contains(RichText.escape(magic.summary())), listing.html());
        }
    }

    @Test
    void everyMagicHasUsageWithAnExample() throws Exception {
        for (Magic magic : magics.all()) {
            RichText help = (RichText) magics.run("losslab", List.of("help", "%" + magic.name()), null, context);
            assertEquals(magic.usage(), help.text());
            assertTrue(magic.usage().contains("Example"), magic.name() + " has no example");
        }
    }

    @Test
    void wrongArgumentsGiveTheProblemAndWhereTheUsageIs() {
        MagicUsageException e = assertThrows(MagicUsageException.class,
                () -> magics.run("losslab", List.of("helpp"), null, context));
        assertTrue(e.getMessage().startsWith("unexpected arguments: helpp"), e.getMessage());
        assertTrue(e.getMessage().endsWith("\n%losslab help losslab shows its usage."), e.getMessage());
        e = assertThrows(MagicUsageException.class, () -> magics.run("device", List.of("tpu"), null, context));
        assertTrue(e.getMessage().contains("device = tpu is not a backend"), e.getMessage());
    }

    @Test
    void unknownMagicsListTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> magics.get("dataset2"));
        assertTrue(e.getMessage().contains("'dataset2'"), e.getMessage());
        for (Magic magic : magics.all()) {
            assertTrue(e.getMessage().contains(magic.name()), e.getMessage());
        }
    }

    @Test
    void namesAreUnique() {
        assertThrows(IllegalArgumentException.class, () -> magics.register(magics.get("device")));
    }

    @Test
    void deviceReportsTheCpuBackend() throws Exception {
        assertTrue(magics.run("device", List.of(), null, context).toString().startsWith("backend cpu: "));
        assertTrue(magics.run("device", List.of("CPU"), null, context).toString().startsWith("backend cpu: "));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> magics.run("device", List.of("cuda"), null, context));
        assertTrue(e.getMessage().contains("cuda Maven profile"), e.getMessage());
    }
}
