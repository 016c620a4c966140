package io.losslab.kernel;

import io.losslab.magics.Magic;
import io.losslab.magics.MagicContext;
import java.util.List;

/**
 * How every kernel adapter runs a magic: its result is displayed while it runs, not returned, so
 * it is seen in kernels that discard a magic's return value (IJava) and shown once in those that
 * would also show it (JJava, the bundled kernel); and whatever it throws becomes one message.
 */
final class MagicCalls {

    private MagicCalls() {
    }

    /** Runs {@code magic}, displays its result, and returns null. */
    static Object run(Magic magic, List<String> arguments, String body, MagicContext context) {
        Object result;
        try {
            result = magic.run(arguments, body, context);
        } catch (Exception | LinkageError e) {
            throw MagicFailure.of(magic.name(), e);
        }
        if (result != null) {
            context.display(result);
        }
        return null;
    }
}
