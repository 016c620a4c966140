package io.losslab.kernel;

import io.losslab.magics.MagicContext;
import io.losslab.magics.RichText;
import io.losslab.magics.Workspace;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Displays and bindings on a Jupyter kernel, through three functions its adapter supplies: show a
 * value (returning its display id), replace a display, and declare a session variable. Magics use
 * it as their {@link MagicContext}; the bundled kernel's {@code display(...)} goes through it too.
 * It knows nothing of any kernel's classes, so one context serves every kernel LossLab runs in.
 */
public final class KernelContext implements MagicContext {

    private final Function<Object, String> display;
    private final BiConsumer<String, Object> update;
    private final BiConsumer<String, Object> declare;

    /**
     * @param display shows a value below the running cell and returns its display id
     * @param update  replaces the display of an id with a value
     * @param declare declares a session variable for a bound value, or null where the kernel
     *                cannot: the user is then told how to read the value from the {@link Workspace}
     */
    public KernelContext(Function<Object, String> display, BiConsumer<String, Object> update, BiConsumer<String, Object> declare) {
        this.display = display;
        this.update = update;
        this.declare = declare;
    }

    @Override
    public String display(Object value) {
        return display.apply(value);
    }

    @Override
    public void updateDisplay(String displayId, Object value) {
        update.accept(displayId, value);
    }

    @Override
    public void bind(String name, Object value) {
        Workspace.put(name, value);
        if (declare != null) {
            declare.accept(name, value);
        } else {
            display(RichText.of(Workspace.howToRead(name)));
        }
    }
}
