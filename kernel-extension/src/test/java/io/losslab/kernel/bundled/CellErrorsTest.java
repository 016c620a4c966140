package io.losslab.kernel.bundled;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the frames of a runtime error are folded. */
class CellErrorsTest {

    @Test
    void aFrameRepeatedByRecursionIsShownOnceWithACount() {
        List<String> frames = new ArrayList<>(Collections.nCopies(1023, "    at f (#1:1)"));
        frames.add("    at the cell (#2:1)");
        assertEquals(List.of("    at f (#1:1)", "    ... 1,022 more frames repeating the one above", "    at the cell (#2:1)"),
                CellErrors.folded(frames));
    }

    @Test
    void mutualRecursionFoldsItsWholeCycle() {
        List<String> frames = new ArrayList<>(List.of("    at top (#1:1)"));
        for (int i = 0; i < 50; i++) {
            frames.addAll(List.of("    at even (#2:1)", "    at odd (#3:1)"));
        }
        assertEquals(List.of("    at top (#1:1)", "    at even (#2:1)", "    at odd (#3:1)",
                "    ... 98 more frames repeating the 2 frames above"), CellErrors.folded(frames));
    }

    @Test
    void framesThatRepeatTwiceOnlyAreAllKept() {
        List<String> frames = List.of("    at g (#1:1)", "    at g (#1:1)", "    at the cell (#2:1)");
        assertEquals(frames, CellErrors.folded(frames));
    }
}
