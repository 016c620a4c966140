package io.github.spencerpark.ijava.runtime;

import io.github.spencerpark.ijava.JavaKernel;

/**
 * Stand-in for IJava 1.3.0's {@code runtime.Kernel}, for LossLab's tests: cell code's access to the
 * running kernel (statically imported into every session, as in IJava).
 */
public class Kernel {
    /** The running kernel, or {@code null} if none is running. */
    public static JavaKernel getKernelInstance() {
        return io.github.spencerpark.ijava.IJava.getKernelInstance();
    }

    /** Evaluates {@code code} as a cell (magics included) and returns its last expression's value. */
    public static Object eval(String code) throws Exception {
        return Magics.kernel().evalRaw(code);
    }
}
