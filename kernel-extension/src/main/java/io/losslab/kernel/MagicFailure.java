package io.losslab.kernel;

import java.io.IOException;

/**
 * A magic that could not do what it was asked, carrying only its message. It has no stack trace:
 * a kernel that prints the trace of whatever a cell throws (as IJava does) still shows the user
 * one clear message, and the kernel goes on.
 */
public final class MagicFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, for the user */
    public MagicFailure(String message) {
        super(message, null, false, false);
    }

    /**
     * The failure to show for whatever a magic threw. Argument and state errors, LossLab's own
     * exception types and the I/O exceptions LossLab's code makes (a download's
     * {@code UnknownHostException}, say) carry sentences written for the user and are shown as they are; anything else is shown
     * with its type, which is then the most useful thing to know.
     */
    public static MagicFailure of(String magic, Throwable cause) {
        String message = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        boolean written = cause instanceof IllegalArgumentException || cause instanceof IllegalStateException
                || isLossLabs(cause.getClass().getName()) || cause instanceof IOException && madeByLossLab(cause);
        if (written) {
            return new MagicFailure("%" + magic + ": " + message);
        }
        return new MagicFailure("%" + magic + " failed: " + cause.getClass().getName() + ": " + message);
    }

    private static boolean madeByLossLab(Throwable cause) {
        StackTraceElement[] frames = cause.getStackTrace();
        return cause.getMessage() != null && frames.length > 0 && isLossLabs(frames[0].getClassName());
    }

    private static boolean isLossLabs(String className) {
        return className.startsWith("io.losslab.");
    }

    @Override
    public String toString() {
        return getMessage();
    }
}
