package io.losslab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Fashion-MNIST files of the Debian package {@code dataset-fashion-mnist}. Without the
 * package these tests fail with the sentence that says how to install it; they do not skip.
 * The expected pixel sums were computed independently, with NumPy, from the same files.
 */
class FashionMnistTest {

    private static DataSplits fashion;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadOnce() throws Exception {
        fashion = FashionMnist.load();
    }

    @Test
    void sizesAndBalancedClasses() {
        assertEquals(60_000, fashion.train().size());
        assertEquals(10_000, fashion.test().size());
        assertEquals(784, fashion.train().numFeatures());
        assertEquals(FashionMnist.CLASS_NAMES, fashion.train().classNames());
        long[] sixThousand = new long[10];
        long[] oneThousand = new long[10];
        Arrays.fill(sixThousand, 6000);
        Arrays.fill(oneThousand, 1000);
        assertArrayEquals(sixThousand, fashion.train().classCounts());
        assertArrayEquals(oneThousand, fashion.test().classCounts());
        assertEquals(1.0, fashion.train().stats().imbalanceRatio());
    }

    @Test
    void knownLabelsAndPixels() {
        assertArrayEquals(new int[] {9, 0, 0, 3, 0, 2, 7, 2, 5, 5},
                Arrays.copyOf(fashion.train().labels(), 10));
        assertArrayEquals(new int[] {9, 2, 1, 1, 6, 1, 4, 6, 5, 7},
                Arrays.copyOf(fashion.test().labels(), 10));
        assertEquals(76_247 / 255.0, sum(fashion.train().features().row(0)), 1e-3);
        assertEquals(24_390 / 255.0, sum(fashion.test().features().row(9_999)), 1e-3);
        assertEquals(228 / 255f, fashion.train().features().get(0, 10 * 28 + 14), 1e-7);
        assertEquals("pixel_10_14", fashion.train().featureNames().get(10 * 28 + 14));
    }

    @Test
    void pixelsAreScaledToTheUnitInterval() {
        float[] all = fashion.test().features().toArray();
        float max = 0;
        for (float v : all) {
            assertTrue(v >= 0 && v <= 1, "pixel " + v + " outside [0, 1]");
            max = Math.max(max, v);
        }
        assertEquals(1f, max);
    }

    @Test
    void aDirectoryTheUserNamesWithUncompressedOrCompressedFiles() throws Exception {
        for (String name : new String[] {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-labels-idx1-ubyte"}) {
            Files.createSymbolicLink(dir.resolve(name + ".gz"), FashionMnist.DEBIAN_DIRECTORY.resolve(name + ".gz"));
        }
        // One file uncompressed, as a user who ran gunzip has it.
        try (var in = Inputs.open(FashionMnist.DEBIAN_DIRECTORY.resolve("t10k-images-idx3-ubyte.gz"))) {
            Files.copy(in, dir.resolve("t10k-images-idx3-ubyte"));
        }
        DataSplits mine = FashionMnist.load(dir);
        assertArrayEquals(fashion.test().features().row(1234), mine.test().features().row(1234));
        assertArrayEquals(fashion.train().labels(), mine.train().labels());
    }

    private static double sum(float[] values) {
        double total = 0;
        for (float v : values) {
            total += v;
        }
        return total;
    }
}
