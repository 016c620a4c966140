package io.losslab.kernel.bundled;

import io.github.spencerpark.jupyter.kernel.magic.registry.UndefinedMagicException;
import io.losslab.kernel.MagicFailure;
import java.util.List;

/**
 * What code in a cell of the bundled kernel can call without qualification (it is imported
 * statically at start): {@code display(value)} shows a value now and returns its display id;
 * {@code updateDisplay(id, value)} replaces it. The kernel also turns each magic line into a
 * call of {@link #lineMagic} and a magic cell into {@link #cellMagic}, so that magics run in order
 * with the cell's code, on the cell's thread, and can be interrupted like it.
 */
public final class Notebook {

    private static volatile LossLabKernel kernel;

    private Notebook() {
    }

    static void attach(LossLabKernel running) {
        kernel = running;
    }

    private static LossLabKernel kernel() {
        LossLabKernel k = kernel;
        if (k == null) {
            throw new IllegalStateException("display and magics need a running LossLab kernel");
        }
        return k;
    }

    /**
     * Shows {@code value} below the cell, rendered as richly as the kernel can.
     *
     * @return the display id, for {@link #updateDisplay}
     */
    public static String display(Object value) {
        return kernel().context().display(value);
    }

    /** Replaces the display {@code displayId} with {@code value}. */
    public static void updateDisplay(String displayId, Object value) {
        kernel().context().updateDisplay(displayId, value);
    }

    /** Runs a line magic; called by the code the kernel writes for {@code %name args}. */
    public static Object lineMagic(String name, List<String> arguments) throws Exception {
        try {
            return kernel().getMagics().applyLineMagic(name, arguments);
        } catch (UndefinedMagicException e) {
            throw noSuchMagic("%" + name);
        }
    }

    /** Runs a cell magic; called by the code the kernel writes for a {@code %%name} cell. */
    public static Object cellMagic(String name, List<String> arguments, String body) throws Exception {
        try {
            return kernel().getMagics().applyCellMagic(name, arguments, body);
        } catch (UndefinedMagicException e) {
            throw noSuchMagic("%%" + name);
        }
    }

    private static MagicFailure noSuchMagic(String call) {
        return new MagicFailure("there is no magic " + call + "; %losslab lists LossLab's magics");
    }
}
