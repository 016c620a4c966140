package io.github.spencerpark.ijava.runtime;

import io.github.spencerpark.ijava.IJava;
import io.github.spencerpark.ijava.JavaKernel;
import io.github.spencerpark.jupyter.kernel.magic.registry.UndefinedMagicException;

import java.util.List;

/**
 * Stand-in for IJava 1.3.0's {@code runtime.Magics}, for LossLab's tests: the static methods that
 * rewritten {@code %name} and {@code %%name} cells call. They run the magic from the kernel's
 * registry; an unknown magic's {@link UndefinedMagicException} passes through, and any other
 * exception is wrapped as IJava wraps it, in a {@link RuntimeException} whose message names the
 * magic and repeats the original message.
 */
public class Magics {
    /** Runs the line magic {@code name} and returns its result (which rewritten cells discard). */
    public static <T> T lineMagic(String name, List<String> args) {
        try {
            return kernel().getMagics().applyLineMagic(name, args);
        } catch (UndefinedMagicException e) {
            throw e;
        } catch (Exception e) {
            throw new RuntimeException("Exception occurred while running line magic '" + name + "': " + e.getMessage(), e);
        }
    }

    /** Runs the cell magic {@code name} on {@code body} and returns its result (which rewritten cells discard). */
    public static <T> T cellMagic(String name, List<String> args, String body) {
        try {
            return kernel().getMagics().applyCellMagic(name, args, body);
        } catch (UndefinedMagicException e) {
            throw e;
        } catch (Exception e) {
            throw new RuntimeException("Exception occurred while running cell magic '" + name + "': " + e.getMessage(), e);
        }
    }

    static JavaKernel kernel() {
        JavaKernel kernel = IJava.getKernelInstance();
        if (kernel == null) {
            throw new RuntimeException("No IJava kernel running");
        }
        return kernel;
    }
}
