package io.losslab.data;

import static io.losslab.data.TestFiles.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX files in the MNIST format, written by the tests: plain, gzip, and damaged. */
class IdxLoaderTest {

    /** Three 2×3 images with pixel values 0, 1, ..., 17 and a 255 in the last one. */
    private static final int[] IMAGE_DIMENSIONS = {3, 2, 3};
    private static final byte[] PIXELS = pixels();
    private static final byte[] LABELS = {2, 0, 1};

    @TempDir
    Path dir;

    @Test
    void plainFiles() throws Exception {
        Path images = write("images.idx", idx(IMAGE_DIMENSIONS, PIXELS));
        Path labels = write("labels.idx", idx(new int[] {3}, LABELS));
        LabeledData data = IdxLoader.load(images, labels);
        assertEquals(3, data.size());
        assertEquals(List.of("0", "1", "2"), data.classNames());
        assertArrayEquals(new int[] {2, 0, 1}, data.labels());
        assertEquals(List.of("pixel_0_0", "pixel_0_1", "pixel_0_2", "pixel_1_0", "pixel_1_1", "pixel_1_2"),
                data.featureNames());
        assertArrayEquals(new float[] {6, 7, 8, 9, 10, 11}, data.features().row(1));
        assertEquals(255f, data.features().get(2, 5), "bytes are unsigned");
    }

    @Test
    void gzipFilesScaledAndNamed() throws Exception {
        Path images = TestFiles.gzip(dir, "images.gz", idx(IMAGE_DIMENSIONS, PIXELS));
        Path labels = TestFiles.gzip(dir, "labels.gz", idx(new int[] {3}, LABELS));
        LabeledData data = IdxLoader.load(images, labels, List.of("a", "b", "c", "d"), 0.5f);
        assertEquals(List.of("a", "b", "c", "d"), data.classNames());
        assertArrayEquals(new float[] {3, 3.5f, 4, 4.5f, 5, 5.5f}, data.features().row(1));
    }

    @Test
    void zeroPaddedNamesSortInRowMajorOrder() throws Exception {
        byte[] pixels = new byte[12 * 11];
        Path images = write("images.idx", idx(new int[] {1, 12, 11}, pixels));
        Path labels = write("labels.idx", idx(new int[] {1}, new byte[] {0}));
        List<String> names = IdxLoader.load(images, labels).featureNames();
        assertEquals("pixel_03_07", names.get(3 * 11 + 7));
        assertEquals(names.stream().sorted().toList(), names);
    }

    @Test
    void headerPromisesMoreThanTheFileHolds() throws Exception {
        byte[] full = idx(IMAGE_DIMENSIONS, PIXELS);
        Path shortPlain = write("short.idx", Arrays.copyOf(full, full.length - 4));
        Path shortGzip = TestFiles.gzip(dir, "short.gz", Arrays.copyOf(full, full.length - 4));
        Path labels = write("labels.idx", idx(new int[] {3}, LABELS));
        for (Path images : List.of(shortPlain, shortGzip)) {
            assertFails(MalformedDataException.class, () -> IdxLoader.load(images, labels),
                    images.toString(), "header for 3×2×3 = 18 bytes of data", "ends after 14 bytes");
        }
    }

    @Test
    void fileHoldsMoreThanTheHeaderSays() throws Exception {
        byte[] full = idx(IMAGE_DIMENSIONS, PIXELS);
        Path images = write("long.idx", Arrays.copyOf(full, full.length + 1));
        Path labels = write("labels.idx", idx(new int[] {3}, LABELS));
        assertFails(MalformedDataException.class, () -> IdxLoader.load(images, labels),
                "long.idx has a header for 3×2×3 = 18 bytes", "holds more data than that");
    }

    @Test
    void truncatedGzip() throws Exception {
        Path complete = TestFiles.gzip(dir, "complete.gz", idx(IMAGE_DIMENSIONS, PIXELS));
        byte[] compressed = Files.readAllBytes(complete);
        Path truncated = write("truncated.gz", Arrays.copyOf(compressed, compressed.length - 12));
        Path labels = write("labels.idx", idx(new int[] {3}, LABELS));
        assertFails(MalformedDataException.class, () -> IdxLoader.load(truncated, labels),
                "truncated.gz is truncated", "download or copy it again");
    }

    @Test
    void corruptGzip() throws Exception {
        byte[] compressed = Files.readAllBytes(TestFiles.gzip(dir, "ok.gz", idx(IMAGE_DIMENSIONS, PIXELS)));
        compressed[compressed.length - 6] ^= 0x55; // inside the CRC-32 of the trailer
        Path corrupt = write("corrupt.gz", compressed);
        Path labels = write("labels.idx", idx(new int[] {3}, LABELS));
        assertFails(MalformedDataException.class, () -> IdxLoader.load(corrupt, labels),
                "corrupt.gz is not a valid gzip file");
    }

    @Test
    void imagesAndLabelsDisagree() throws Exception {
        Path images = write("images.idx", idx(IMAGE_DIMENSIONS, PIXELS));
        Path twoLabels = write("two.idx", idx(new int[] {2}, new byte[] {0, 1}));
        assertFails(MalformedDataException.class, () -> IdxLoader.load(images, twoLabels),
                "has 3 images but", "two.idx has 2 labels");
        Path labels = write("labels.idx", idx(new int[] {3}, LABELS));
        assertFails(MalformedDataException.class, () -> IdxLoader.load(images, labels, List.of("a", "b"), 1f),
                "label 2 of example 0 is outside the 2 classes");
        assertFails(MalformedDataException.class, () -> IdxLoader.load(labels, images), "labels file is one-dimensional");
        assertFails(MalformedDataException.class, () -> IdxLoader.load(labels, labels), "an images file needs");
    }

    @Test
    void notIdx() throws Exception {
        Path labels = write("labels.idx", idx(new int[] {3}, LABELS));
        Path text = TestFiles.text(dir, "text.idx", "hello, world");
        assertFails(MalformedDataException.class, () -> IdxLoader.load(text, labels), "is not an IDX file");
        byte[] floats = idx(IMAGE_DIMENSIONS, PIXELS);
        floats[2] = 0x0D;
        Path floatFile = write("float.idx", floats);
        assertFails(MalformedDataException.class, () -> IdxLoader.load(floatFile, labels), "IDX type 0xd");
        Path stub = write("stub.idx", new byte[] {0, 0, 8, 3, 0, 0});
        assertFails(MalformedDataException.class, () -> IdxLoader.load(stub, labels), "ends inside its IDX header");
        assertFails(IllegalArgumentException.class,
                () -> IdxLoader.load(stub, labels, List.of("a"), 0f), "pixelScale", "0.0");
    }

    @Test
    void aHeaderAnnouncingMoreThanFitsIsRefusedBeforeAnythingIsAllocated() throws Exception {
        Path labels = write("labels.idx", idx(new int[] {1}, new byte[] {0}));
        Path cube = write("cube.idx", idx(new int[] {100_000, 100_000, 100_000}, new byte[0]));
        assertFails(MalformedDataException.class, () -> IdxLoader.load(cube, labels),
                cube + " declares 100000×100000×100000 entries, more than one Java array holds");
        Path wide = write("wide.idx", idx(new int[] {1, 2_000_000_000}, new byte[0]));
        assertFails(MalformedDataException.class, () -> IdxLoader.load(wide, labels),
                wide + ": its header announces 1×2000000000 pixels, which needs 129,700 MB, but the JVM can get only");
    }

    @Test
    void aLabelsHeaderAnnouncingMoreThanFitsIsRefusedBeforeAnythingIsAllocated() throws Exception {
        assumeTrue(Runtime.getRuntime().maxMemory() < 7_000_000_000L, "two billion int labels would fit this heap");
        Path images = write("images.idx", idx(IMAGE_DIMENSIONS, PIXELS));
        Path labels = write("many.idx", idx(new int[] {2_000_000_000}, new byte[0]));
        assertFails(MalformedDataException.class, () -> IdxLoader.load(images, labels),
                labels + ": its header announces 2000000000 labels, which needs 7,630 MB, but the JVM can get only");
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    /** An unsigned-byte IDX file: magic 0x0000 08 rank, the big-endian sizes, the data. */
    static byte[] idx(int[] dimensions, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x0800 | dimensions.length);
        for (int size : dimensions) {
            out.writeInt(size);
        }
        out.write(data);
        return bytes.toByteArray();
    }

    private static byte[] pixels() {
        byte[] pixels = new byte[18];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) i;
        }
        pixels[17] = (byte) 255;
        return pixels;
    }
}
