package io.github.spencerpark.ijava.runtime;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;

import java.util.UUID;

/**
 * Stand-in for IJava 1.3.0's {@code runtime.Display}, for LossLab's tests: renders objects with the
 * kernel's renderer and shows them, or replaces a shown display, while a cell runs. As in IJava, a
 * shown object gets a display id (its own, or a new random one) that {@code updateDisplay} takes.
 */
public class Display {
    /** The object rendered in every MIME type its renderer prefers. */
    public static DisplayData render(Object o) {
        return Magics.kernel().getRenderer().render(o);
    }

    /** The object rendered as the given MIME types. */
    public static DisplayData render(Object o, String... as) {
        return Magics.kernel().getRenderer().renderAs(o, as);
    }

    /** Shows the object in the cell's output and returns its display id. */
    public static String display(Object o) {
        return show(render(o));
    }

    /** Shows the object, rendered as the given MIME types, and returns its display id. */
    public static String display(Object o, String... as) {
        return show(render(o, as));
    }

    /** Replaces what the display {@code id} shows with the object. */
    public static void updateDisplay(String id, Object o) {
        Magics.kernel().getIO().display.updateDisplay(id, render(o));
    }

    /** Replaces what the display {@code id} shows with the object, rendered as the given MIME types. */
    public static void updateDisplay(String id, Object o, String... as) {
        Magics.kernel().getIO().display.updateDisplay(id, render(o, as));
    }

    private static String show(DisplayData data) {
        if (data.getDisplayId() == null) {
            data.setDisplayId(UUID.randomUUID().toString());
        }
        Magics.kernel().display(data);
        return data.getDisplayId();
    }
}
