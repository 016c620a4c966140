package io.losslab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import io.github.spencerpark.jupyter.kernel.magic.registry.Magics;
import io.losslab.magics.RichText;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The extension's IJava path — {@code LossLabExtension.install(kernel)} — on kernels that share
 * nothing with the bundled one but the base library's API.
 */
class LossLabExtensionTest {

    /** The shape of IJava's kernel as far as the extension may rely on it: a public getMagics(). */
    public static final class IJavaLikeKernel extends BareKernel {
        private final Magics magics = new Magics();

        public Magics getMagics() {
            return magics;
        }
    }

    /** A kernel with no magics registry at all; it keeps what is displayed. */
    static class BareKernel extends BaseKernel {
        final List<DisplayData> displayed = new ArrayList<>();

        @Override
        public DisplayData eval(String expr) {
            return null;
        }

        @Override
        public LanguageInfo getLanguageInfo() {
            return new LanguageInfo.Builder("java").build();
        }

        @Override
        public void display(DisplayData data) {
            displayed.add(data);
        }
    }

    @Test
    void magicsDisplayTheirResultsBecauseIJavaDiscardsReturnValues() throws Exception {
        IJavaLikeKernel kernel = new IJavaLikeKernel();
        LossLabExtension.install(kernel);
        assertNull(kernel.getMagics().applyLineMagic("losslab", List.of()), "nothing is left to be shown twice");
        assertEquals(1, kernel.displayed.size());
        String listing = (String) kernel.displayed.get(0).getData(MIMEType.TEXT_HTML);
        assertTrue(listing.contains("<table>") && listing.contains("%device"), listing);
        assertNull(kernel.getMagics().applyLineMagic("device", List.of("cpu")));
        String device = (String) kernel.displayed.get(1).getData(MIMEType.TEXT_PLAIN);
        assertTrue(device.startsWith("backend cpu"), device);
    }

    @Test
    void magicErrorsBecomeOneMessageWithoutAStackTrace() {
        IJavaLikeKernel kernel = new IJavaLikeKernel();
        LossLabExtension.install(kernel);
        MagicFailure failure = assertThrows(MagicFailure.class,
                () -> kernel.getMagics().applyLineMagic("device", List.of("tpu")));
        assertTrue(failure.getMessage().startsWith("%device: device = tpu is not a backend"), failure.getMessage());
        assertTrue(failure.getMessage().endsWith("%losslab help device shows its usage."), "one line points to the usage");
        assertEquals(0, failure.getStackTrace().length);
        assertTrue(kernel.displayed.isEmpty(), "a failed magic shows nothing else");
    }

    @Test
    void rendersLossLabTypesAsHtmlAndText() {
        IJavaLikeKernel kernel = new IJavaLikeKernel();
        LossLabExtension.install(kernel);
        DisplayData data = kernel.getRenderer().render(new RichText("plain", "<i>rich</i>"));
        assertEquals("<i>rich</i>", data.getData(MIMEType.TEXT_HTML));
        assertEquals("plain", data.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void aKernelWithoutMagicsIsRefusedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LossLabExtension.install(new BareKernel()));
        assertTrue(e.getMessage().contains("has no getMagics() registry"), e.getMessage());
    }
}
