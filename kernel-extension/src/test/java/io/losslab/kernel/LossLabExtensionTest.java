package io.losslab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import io.github.spencerpark.jupyter.kernel.magic.registry.Magics;
import io.losslab.magics.RichText;
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

    /** A kernel with no magics registry at all. */
    static class BareKernel extends BaseKernel {
        @Override
        public DisplayData eval(String expr) {
            return null;
        }

        @Override
        public LanguageInfo getLanguageInfo() {
            return new LanguageInfo.Builder("java").build();
        }
    }

    @Test
    void installsMagicsIntoAnIJavaStyleKernel() throws Exception {
        IJavaLikeKernel kernel = new IJavaLikeKernel();
        LossLabExtension.install(kernel);
        Object listing = kernel.getMagics().applyLineMagic("losslab", List.of());
        assertTrue(listing instanceof RichText text && text.text().contains("%device"), String.valueOf(listing));
        Object device = kernel.getMagics().applyLineMagic("device", List.of("cpu"));
        assertTrue(device.toString().startsWith("backend cpu"), device.toString());
    }

    @Test
    void magicErrorsBecomeOneMessageWithoutAStackTrace() {
        IJavaLikeKernel kernel = new IJavaLikeKernel();
        LossLabExtension.install(kernel);
        MagicFailure failure = assertThrows(MagicFailure.class,
                () -> kernel.getMagics().applyLineMagic("device", List.of("tpu")));
        assertTrue(failure.getMessage().contains("device = tpu is not a backend"), failure.getMessage());
        assertTrue(failure.getMessage().contains("%device cuda"), "the usage follows the problem");
        assertEquals(0, failure.getStackTrace().length);
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
