package io.losslab.data;

import static io.losslab.data.TestFiles.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LibSVM / SVMlight files: sparse rows, 1-based indices, qid and comments, and malformed lines. */
class LibSvmLoaderTest {

    @TempDir
    Path dir;

    @Test
    void sparseRowsBecomeDenseColumns() throws Exception {
        Path file = TestFiles.text(dir, "small.svm", """
                # a comment line
                +1 qid:3 1:0.5 4:-2 # trailing comment
                -1 2:1e1

                1 1:1 3:3
                """);
        LabeledData data = LibSvmLoader.libSvm().load(file);
        assertEquals(3, data.size());
        assertEquals(List.of("f1", "f2", "f3", "f4"), data.featureNames());
        assertEquals(List.of("-1", "1"), data.classNames(), "+1 and 1 are one class");
        assertArrayEquals(new int[] {1, 0, 1}, data.labels());
        assertArrayEquals(new float[] {0.5f, 0, 0, -2}, data.features().row(0));
        assertArrayEquals(new float[] {0, 10, 0, 0}, data.features().row(1));
        assertArrayEquals(new float[] {1, 0, 3, 0}, data.features().row(2));
    }

    @Test
    void fixedNumberOfFeaturesAndNoFeatures() throws Exception {
        LabeledData data = LibSvmLoader.libSvm().numFeatures(6).load(new StringReader("3 2:1\n7\n"), "mem");
        assertEquals(6, data.numFeatures());
        assertArrayEquals(new float[6], data.features().row(1), "a line with only a label is all zeros");
        assertEquals(List.of("3", "7"), data.classNames());
    }

    @Test
    void declaredClasses() throws Exception {
        LabeledData data = LibSvmLoader.libSvm().classes("7", "3").load(new StringReader("3 1:1\n7 1:2\n"), "mem");
        assertArrayEquals(new int[] {1, 0}, data.labels());
    }

    @Test
    void featureIndexZeroIsAnError() {
        assertFails(MalformedDataException.class,
                () -> LibSvmLoader.libSvm().load(new StringReader("1 1:1\n0 0:2.5 3:1\n"), "zero.svm"),
                "zero.svm line 2", "feature index 0", "start at 1", "0 0:2.5 3:1");
    }

    @Test
    void aFeatureIndexImplyingMoreThanFitsIsRefusedBeforeAnythingIsAllocated() throws Exception {
        Path file = TestFiles.text(dir, "tiny.svm", "1 999999999:1\n2 1:1\n");
        assertFails(MalformedDataException.class, () -> LibSvmLoader.libSvm().load(file), file
                + ": feature index 999999999 implies a dense 2×999999999 float matrix, which needs 68,665 MB, but the JVM can get only");
        assertFails(MalformedDataException.class,
                () -> LibSvmLoader.libSvm().load(new StringReader("1 999999999:1\n2 1:1\n3 1:1\n"), "three.svm"),
                "three.svm: feature index 999999999 implies a dense 3×999999999 float matrix, more values than one Java array holds");
    }

    @Test
    void twentyBytesImplyingSevenGigabytesAreRefused() throws Exception {
        assumeTrue(Runtime.getRuntime().maxMemory() < 7_000_000_000L, "the matrix and its names would fit this heap");
        Path file = TestFiles.text(dir, "twenty.svm", "1 100000000:1\n2 1:1\n");
        assertFails(MalformedDataException.class, () -> LibSvmLoader.libSvm().load(file), file
                + ": feature index 100000000 implies a dense 2×100000000 float matrix, which needs 6,867 MB");
    }

    @Test
    void malformedLines() {
        assertFails(MalformedDataException.class,
                () -> LibSvmLoader.libSvm().load(new StringReader("1 3:1 2:1\n"), "m.svm"), "line 1",
                "feature index 2 follows 3");
        assertFails(MalformedDataException.class,
                () -> LibSvmLoader.libSvm().load(new StringReader("1 2:1 2:3\n"), "m.svm"), "feature index 2 follows 2");
        assertFails(MalformedDataException.class,
                () -> LibSvmLoader.libSvm().load(new StringReader("1 2:x\n"), "m.svm"),
                "the value of feature 2", "'x' is not a number");
        assertFails(MalformedDataException.class,
                () -> LibSvmLoader.libSvm().load(new StringReader("1 2\n"), "m.svm"), "'2' is not an index:value pair");
        assertFails(MalformedDataException.class,
                () -> LibSvmLoader.libSvm().load(new StringReader("1 a:2\n"), "m.svm"), "'a' is not a feature index");
        assertFails(MalformedDataException.class,
                () -> LibSvmLoader.libSvm().load(new StringReader("1:2 3:4\n"), "m.svm"), "not with a label");
        assertFails(MalformedDataException.class,
                () -> LibSvmLoader.libSvm().load(new StringReader("1,2 3:4\n"), "m.svm"), "multi-label");
        assertFails(MalformedDataException.class,
                () -> LibSvmLoader.libSvm().numFeatures(2).load(new StringReader("1 3:4\n"), "m.svm"),
                "feature index 3 is larger than numFeatures = 2");
    }

    @Test
    void emptyFile() throws Exception {
        Path file = TestFiles.text(dir, "empty.svm", "# only a comment\n\n");
        assertFails(MalformedDataException.class, () -> LibSvmLoader.libSvm().load(file), "empty.svm is empty");
        assertFails(IllegalArgumentException.class, () -> LibSvmLoader.libSvm().numFeatures(0), "numFeatures", "0");
    }
}
