package io.losslab.magics;

/**
 * What a magic may ask of the notebook it runs in: show things while it runs, replace what it
 * showed, and bind a result to a variable of the user's session. Each kernel provides its own.
 */
public interface MagicContext {

    /**
     * Shows {@code value} now, below the cell.
     *
     * @return an id to update it with
     */
    String display(Object value);

    /** Replaces what was shown under {@code displayId}. */
    void updateDisplay(String displayId, Object value);

    /**
     * Makes {@code value} available under {@code name}: as a variable of the session where the
     * kernel supports it, and always through {@link Workspace#get(String)}.
     */
    void bind(String name, Object value);
}
