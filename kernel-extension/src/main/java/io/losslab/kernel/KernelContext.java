package io.losslab.kernel;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.losslab.magics.MagicContext;
import io.losslab.magics.Workspace;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * Displays and bindings on any {@code jupyter-jvm-basekernel} kernel, through its public API:
 * values are rendered by the kernel's renderer (where LossLab's renderers are registered) and
 * published on its display stream. Magics use it as their {@link MagicContext}; the bundled
 * kernel's {@code display(...)} goes through it too.
 */
public final class KernelContext implements MagicContext {

    private final BaseKernel kernel;
    private final BiConsumer<String, Object> variableBinder;

    /**
     * @param variableBinder declares a session variable for a bound value, where the kernel can;
     *     values are always put in the {@link Workspace}
     */
    public KernelContext(BaseKernel kernel, BiConsumer<String, Object> variableBinder) {
        this.kernel = kernel;
        this.variableBinder = variableBinder;
    }

    @Override
    public String display(Object value) {
        DisplayData data = kernel.getRenderer().render(value);
        String id = UUID.randomUUID().toString();
        data.setDisplayId(id);
        kernel.display(data);
        return id;
    }

    @Override
    public void updateDisplay(String displayId, Object value) {
        kernel.getIO().display.updateDisplay(displayId, kernel.getRenderer().render(value));
    }

    @Override
    public void bind(String name, Object value) {
        Workspace.put(name, value);
        variableBinder.accept(name, value);
    }
}
