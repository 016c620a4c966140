package io.losslab.data;

import static io.losslab.data.TestFiles.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where Fashion-MNIST is missing, one sentence says how to get it. */
class FashionMnistMissingFilesTest {

    @TempDir
    Path dir;

    @Test
    void emptyDirectory() {
        DatasetNotFoundException e = assertFails(DatasetNotFoundException.class, () -> FashionMnist.load(dir),
                "Fashion-MNIST is not in " + dir, "train-images-idx3-ubyte.gz is missing",
                "sudo apt-get install dataset-fashion-mnist", "/usr/share/datasets/fashion-mnist");
        assertEquals(1, e.getMessage().split("[.!?] ").length, "one sentence: " + e.getMessage());
    }

    @Test
    void oneFileMissingIsNamed() throws Exception {
        for (String name : new String[] {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte"}) {
            Files.writeString(dir.resolve(name), "never read: a missing file is reported before any is read");
        }
        assertFails(DatasetNotFoundException.class, () -> FashionMnist.load(dir), "t10k-labels-idx1-ubyte.gz is missing");
    }
}
