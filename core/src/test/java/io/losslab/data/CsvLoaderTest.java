package io.losslab.data;

import static io.losslab.data.TestFiles.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV and TSV files, written by the tests, in every shape the loader accepts and every way they can be wrong. */
class CsvLoaderTest {

    @TempDir
    Path dir;

    @Test
    void headerAndLabelInTheLastColumn() throws Exception {
        Path file = TestFiles.text(dir, "flowers.csv", """
                length,width,species
                5.1,3.5,setosa
                7.0,3.2,versicolor

                6.3,3.3,setosa
                """);
        LabeledData data = CsvLoader.csv().load(file);
        assertEquals(3, data.size());
        assertEquals(List.of("length", "width"), data.featureNames());
        assertEquals(List.of("setosa", "versicolor"), data.classNames());
        assertArrayEquals(new int[] {0, 1, 0}, data.labels());
        assertArrayEquals(new float[] {7.0f, 3.2f}, data.features().row(1));
        assertEquals(file.toString(), data.source());
    }

    @Test
    void labelColumnByNameOrIndex() throws Exception {
        String content = "a,label,b\n1,x,2\n3,y,4\n";
        LabeledData byName = CsvLoader.csv().labelColumn("label").load(new StringReader(content), "mem");
        LabeledData byIndex = CsvLoader.csv().labelColumn(1).load(new StringReader(content), "mem");
        for (LabeledData data : List.of(byName, byIndex)) {
            assertEquals(List.of("a", "b"), data.featureNames());
            assertArrayEquals(new float[] {3, 4}, data.features().row(1));
            assertEquals(List.of("x", "y"), data.classNames());
        }
    }

    @Test
    void tsvWithoutHeaderLabelFirst() throws Exception {
        LabeledData data = CsvLoader.tsv().noHeader().labelColumn(0)
                .load(new StringReader("2\t0.5\t-1e-3\n10\t1.5\t2E2\n2\t0\t0\n"), "mem");
        assertEquals(List.of("column_1", "column_2"), data.featureNames());
        assertEquals(List.of("2", "10"), data.classNames(), "numeric labels sort as numbers, not as text");
        assertArrayEquals(new int[] {0, 1, 0}, data.labels());
        assertArrayEquals(new float[] {1.5f, 200f}, data.features().row(1));
    }

    @Test
    void quotedFieldsAndOtherSeparators() throws Exception {
        LabeledData data = CsvLoader.csv().separator(';')
                .load(new StringReader("\"width; cm\";\"say \"\"hi\"\"\"\n 1.5 ;\"a;b\"\n"), "mem");
        assertEquals(List.of("width; cm"), data.featureNames());
        assertEquals(List.of("a;b"), data.classNames());
        assertEquals(1.5f, data.features().get(0, 0));
    }

    @Test
    void declaredClassesFixTheOrder() throws Exception {
        LabeledData data = CsvLoader.csv().classes("no", "yes")
                .load(new StringReader("x,y\n1,yes\n2,no\n"), "mem");
        assertEquals(List.of("no", "yes"), data.classNames());
        assertArrayEquals(new int[] {1, 0}, data.labels());
    }

    @Test
    void gzipCompressedFile() throws Exception {
        Path file = TestFiles.gzip(dir, "data.csv.gz", "x,y\n1,a\n2,b\n".getBytes(StandardCharsets.UTF_8));
        LabeledData data = CsvLoader.csv().load(file);
        assertEquals(2, data.size());
        assertEquals(2f, data.features().get(1, 0));
    }

    @Test
    void byteOrderMarkAndUnnamedColumn() throws Exception {
        LabeledData data = CsvLoader.csv().load(new StringReader("\uFEFF,x,y\n0,1,a\n"), "mem");
        assertEquals(List.of("column_0", "x"), data.featureNames());
    }

    @Test
    void rowWithTooFewFieldsNamesLineAndContent() {
        assertFails(MalformedDataException.class, () -> CsvLoader.csv()
                        .load(new StringReader("a,b,c\n1,2,x\n\n3,4\n"), "short.csv"),
                "short.csv line 4", "2 fields", "header has 3", "3,4");
    }

    @Test
    void nonNumericFeatureNamesRowAndColumn() {
        assertFails(MalformedDataException.class, () -> CsvLoader.csv()
                        .load(new StringReader("height,weight,c\n1,2,x\n3,heavy,y\n"), "people.csv"),
                "people.csv line 3", "'heavy' is not a number", "column 'weight' (column 1)", "3,heavy,y");
    }

    @Test
    void missingAndNonFiniteValuesAreNotNumbers() {
        assertFails(MalformedDataException.class,
                () -> CsvLoader.csv().load(new StringReader("a,c\n,x\n"), "m.csv"), "line 2", "'' is not a number");
        assertFails(MalformedDataException.class,
                () -> CsvLoader.csv().load(new StringReader("a,c\nNaN,x\n"), "m.csv"), "'NaN' is not a number");
        assertFails(MalformedDataException.class,
                () -> CsvLoader.csv().load(new StringReader("a,c\n1e99,x\n"), "m.csv"), "outside the range of a float");
    }

    @Test
    void missingLabelColumn() {
        assertFails(MalformedDataException.class, () -> CsvLoader.csv().labelColumn("species")
                .load(new StringReader("a,b\n1,2\n"), "x.csv"), "x.csv has no column named 'species'", "[a, b]");
        assertFails(MalformedDataException.class, () -> CsvLoader.csv().labelColumn(5)
                .load(new StringReader("a,b\n1,2\n"), "x.csv"), "2 column(s)", "label column 5");
        assertFails(MalformedDataException.class, () -> CsvLoader.csv()
                .load(new StringReader("only\n1\n"), "x.csv"), "1 column(s)");
    }

    @Test
    void emptyFileAndHeaderWithoutRows() throws Exception {
        Path empty = TestFiles.text(dir, "empty.csv", "");
        assertFails(MalformedDataException.class, () -> CsvLoader.csv().load(empty), "empty.csv is empty");
        Path blank = TestFiles.text(dir, "blank.csv", "\n  \n");
        assertFails(MalformedDataException.class, () -> CsvLoader.csv().load(blank), "is empty");
        assertFails(MalformedDataException.class,
                () -> CsvLoader.csv().load(new StringReader("a,b\n"), "h.csv"), "h.csv has a header but no rows");
    }

    @Test
    void emptyOrUndeclaredLabel() {
        assertFails(MalformedDataException.class,
                () -> CsvLoader.csv().load(new StringReader("a,c\n1,\n"), "e.csv"), "line 2", "class label is empty");
        assertFails(MalformedDataException.class, () -> CsvLoader.csv().classes("cat", "dog")
                        .load(new StringReader("a,c\n1,cat\n2,cow\n"), "pets.csv"),
                "pets.csv line 3", "class 'cow' is not one of the declared classes [cat, dog]");
    }

    @Test
    void malformedQuotesAndDuplicateHeader() {
        assertFails(MalformedDataException.class,
                () -> CsvLoader.csv().load(new StringReader("a,c\n\"1,x\n"), "q.csv"), "line 2", "never closed");
        assertFails(MalformedDataException.class,
                () -> CsvLoader.csv().load(new StringReader("a,c\n\"1\"2,x\n"), "q.csv"), "follows the closing quote");
        assertFails(MalformedDataException.class,
                () -> CsvLoader.csv().load(new StringReader("a,a,c\n1,2,x\n"), "d.csv"), "columns 0 and 1 both 'a'");
    }

    @Test
    void aHugeValueIsCutInTheMessageWithItsLengthSaid() {
        String huge = "9".repeat(40) + "x".repeat((1 << 20) - 40);
        String head = huge.substring(0, 80) + "… (1,048,576 characters)";
        MalformedDataException e = assertFails(MalformedDataException.class,
                () -> CsvLoader.csv().load(new StringReader("a,c\n" + huge + ",x\n"), "huge.csv"),
                "huge.csv line 2: '" + head + "' is not a number in column 'a' (column 0): " + head.substring(0, 80)
                        + "… (1,048,578 characters)");
        assertTrue(e.getMessage().length() < 300, "the message is read, not scrolled: " + e.getMessage().length());
        String wide = "a".repeat(1 << 20);
        assertFails(MalformedDataException.class, () -> CsvLoader.csv().labelColumn("label")
                .load(new StringReader(wide + "\n1\n"), "wide.csv"), "its columns are [" + "a".repeat(79) + "… (1,048,578 characters)");
    }

    @Test
    void aHeaderOfTwoHundredThousandColumnsLoadsAndItsRepeatsAreFound() throws Exception {
        int columns = 200_000;
        StringBuilder header = new StringBuilder();
        StringBuilder row = new StringBuilder();
        for (int j = 0; j < columns; j++) {
            header.append('c').append(j).append(',');
            row.append(j % 7).append(',');
        }
        LabeledData data = CsvLoader.csv().load(new StringReader(header + "label\n" + row + "x\n"), "wide.csv");
        assertEquals(columns, data.numFeatures());
        assertEquals("c199999", data.featureNames().get(columns - 1));
        assertEquals(199_999 % 7, data.features().get(0, columns - 1));
        assertFails(MalformedDataException.class, () -> CsvLoader.csv()
                        .load(new StringReader(header + "c5\n" + row + "x\n"), "repeat.csv"),
                "repeat.csv line 1: the header names columns 5 and 200000 both 'c5'");
    }

    @Test
    void badConfiguration() {
        assertFails(IllegalArgumentException.class, () -> CsvLoader.csv().noHeader().labelColumn("y")
                .load(new StringReader("1,2\n"), "n.csv"), "label column 'y' is given by name", "no header");
        assertFails(IllegalArgumentException.class, () -> CsvLoader.csv().labelColumn(-1), "-1");
        assertFails(IllegalArgumentException.class, () -> CsvLoader.csv().classes("a", "a"), "'a' is declared twice");
        assertFails(IllegalArgumentException.class, () -> CsvLoader.csv().separator('"'), "separator");
    }
}
