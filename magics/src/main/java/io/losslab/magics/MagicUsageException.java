package io.losslab.magics;

/**
 * Wrong arguments to a magic: one sentence naming the argument and the bad value, and one line
 * pointing to the magic's usage. It is shown as text, never as a stack trace.
 */
public final class MagicUsageException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * @param magic   the magic whose arguments were wrong
     * @param problem one sentence naming the argument and the bad value
     */
    public MagicUsageException(Magic magic, String problem) {
        super(problem + "\n%losslab help " + magic.name() + " shows its usage.");
    }
}
