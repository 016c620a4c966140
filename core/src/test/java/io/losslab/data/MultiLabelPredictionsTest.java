package io.losslab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A multi-label classifier's predictions: their copies and their refusals. */
class MultiLabelPredictionsTest {

    @Test
    void holdsCopiesOfWhatItIsGiven() {
        boolean[][] truth = {{true, false}, {false, true}};
        MultiLabelPredictions p = MultiLabelPredictions.of(truth, new boolean[][] {{true, true}, {false, false}},
                List.of("x", "y"));
        truth[0][0] = false;
        p.predicted()[1][1] = true;
        assertArrayEquals(new boolean[][] {{true, false}, {false, true}}, p.truth());
        assertArrayEquals(new boolean[][] {{true, true}, {false, false}}, p.predicted());
        assertEquals(2, p.size());
    }

    @Test
    void refusesBadShapes() {
        boolean[][] four = new boolean[4][3];
        TestFiles.assertFails(IllegalArgumentException.class,
                () -> MultiLabelPredictions.of(four, new boolean[3][3], List.of("a", "b", "c")),
                "truth and predicted need one row per example, at least one, but have 4 and 3");
        TestFiles.assertFails(IllegalArgumentException.class,
                () -> MultiLabelPredictions.of(new boolean[0][], new boolean[0][], List.of("a")),
                "truth and predicted need one row per example, at least one, but have 0 and 0");
        TestFiles.assertFails(IllegalArgumentException.class,
                () -> MultiLabelPredictions.of(new boolean[][] {{true}}, new boolean[][] {{true, false}}, List.of("a")),
                "row 0 has 1 true and 2 predicted entries for 1 labels");
    }
}
