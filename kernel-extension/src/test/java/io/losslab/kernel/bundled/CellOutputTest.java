package io.losslab.kernel.bundled;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Where printed bytes may be cut into text without splitting a character. */
class CellOutputTest {

    @Test
    void completeTextIsKeptWhole() {
        byte[] bytes = "line é €\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(bytes.length, CellOutput.completeLength(bytes));
    }

    @Test
    void aCharacterWhoseLastBytesAreMissingIsHeldBack() {
        byte[] euro = "ab€".getBytes(StandardCharsets.UTF_8);
        assertEquals(2, CellOutput.completeLength(Arrays.copyOf(euro, euro.length - 1)));
        assertEquals(2, CellOutput.completeLength(Arrays.copyOf(euro, euro.length - 2)));
        byte[] emoji = "a\uD83D\uDE00".getBytes(StandardCharsets.UTF_8);
        assertEquals(1, CellOutput.completeLength(Arrays.copyOf(emoji, emoji.length - 1)));
    }
}
