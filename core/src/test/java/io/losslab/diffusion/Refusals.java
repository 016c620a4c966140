package io.losslab.diffusion;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;

/** Checks that bad input is refused with a message naming what was wrong. */
final class Refusals {

    private Refusals() {
    }

    /** Runs {@code action}, expects an IllegalArgumentException, and checks its message contains every fragment. */
    static void assertRefused(Executable action, String... fragments) {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, action);
        for (String fragment : fragments) {
            assertTrue(thrown.getMessage().contains(fragment),
                    "message should contain \"" + fragment + "\" but is: " + thrown.getMessage());
        }
    }
}
