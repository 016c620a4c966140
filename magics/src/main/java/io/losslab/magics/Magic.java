package io.losslab.magics;

import java.util.List;

/**
 * A magic command: a thin text front for calls a user could write in a cell. A magic knows
 * nothing of the kernel it runs in; it parses its arguments, calls LossLab, and returns something
 * the kernel can display (or null for nothing).
 *
 * <pre>{@code
 * Object shown = registry.get("device").run(List.of(), null, context);
 * }</pre>
 */
public interface Magic {

    /** The name typed after {@code %} (or {@code %%} for a cell magic). */
    String name();

    /** Whether it is a cell magic ({@code %%name}, which takes the cell's body) or a line magic. */
    boolean isCellMagic();

    /** One line: what it does. */
    String summary();

    /** The usage with its arguments and an example, as {@code %losslab help NAME} shows it. */
    String usage();

    /**
     * Runs the magic.
     *
     * @param arguments the words after the magic's name, quotes removed
     * @param body      the rest of the cell for a cell magic, null for a line magic
     * @param context   where to display intermediate output and bind variables
     * @return what the cell shows as its result, or null
     * @throws MagicUsageException when the arguments are wrong
     */
    Object run(List<String> arguments, String body, MagicContext context) throws Exception;
}
