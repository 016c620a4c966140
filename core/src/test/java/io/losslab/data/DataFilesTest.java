package io.losslab.data;

import static io.losslab.data.TestFiles.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files loaded by the loader their name calls for, and label columns each format can take. */
class DataFilesTest {

    @TempDir
    Path dir;

    @Test
    void aLibSvmFileTakesNoLabelColumn() throws Exception {
        Path file = TestFiles.text(dir, "two.svm", "1 1:0.5\n2 2:1\n");
        assertEquals(2, DataFiles.load(file, null).size());
        assertFails(IllegalArgumentException.class, () -> DataFiles.load(file, "3"),
                "labelColumn = 3: " + file + " is a LibSVM file, whose label starts every line, so it takes no label column");
    }
}
