package io.losslab.data;

import static io.losslab.data.TestFiles.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ARFF files with numeric attributes and a nominal class, and the ARFF the loader refuses. */
class ArffLoaderTest {

    private static final String HEADER = """
            % Iris, shortened
            @RELATION iris

            @ATTRIBUTE sepallength NUMERIC
            @attribute 'petal width' real
            @Attribute count integer
            @ATTRIBUTE class {Iris-setosa, 'Iris versicolor', Iris-virginica}
            @DATA
            """;

    @TempDir
    Path dir;

    @Test
    void numericAttributesAndNominalClass() throws Exception {
        Path file = TestFiles.text(dir, "iris.arff", HEADER + """
                5.1,0.2,3,Iris-setosa
                % a comment between rows
                7.0, 1.4, 1, 'Iris versicolor'
                6.3,2.5,2,Iris-virginica
                """);
        LabeledData data = ArffLoader.arff().load(file);
        assertEquals(List.of("sepallength", "petal width", "count"), data.featureNames());
        assertEquals(List.of("Iris-setosa", "Iris versicolor", "Iris-virginica"), data.classNames(),
                "classes keep the order of the declaration");
        assertArrayEquals(new int[] {0, 1, 2}, data.labels());
        assertArrayEquals(new float[] {7.0f, 1.4f, 1f}, data.features().row(1));
    }

    @Test
    void classAttributeByName() throws Exception {
        LabeledData data = ArffLoader.arff().classAttribute("outcome").load(new StringReader("""
                @relation trial
                @attribute outcome {bad,good}
                @attribute dose numeric
                @data
                good,1.5
                bad,0.5
                """), "trial.arff");
        assertEquals(List.of("dose"), data.featureNames());
        assertArrayEquals(new int[] {1, 0}, data.labels());
    }

    @Test
    void classValueNotInItsDeclaration() {
        assertFails(MalformedDataException.class, () -> ArffLoader.arff().load(new StringReader(HEADER
                        + "5.1,0.2,3,Iris-setosa\n5.0,0.3,1,Iris-germanica\n"), "iris.arff"),
                "iris.arff line 10", "class value 'Iris-germanica' is not in the declaration of 'class'",
                "{Iris-setosa, Iris versicolor, Iris-virginica}", "5.0,0.3,1,Iris-germanica");
    }

    @Test
    void missingAndNonNumericValues() {
        assertFails(MalformedDataException.class, () -> ArffLoader.arff()
                .load(new StringReader(HEADER + "5.1,?,3,Iris-setosa\n"), "m.arff"),
                "line 9", "'petal width' has a missing value");
        assertFails(MalformedDataException.class, () -> ArffLoader.arff()
                .load(new StringReader(HEADER + "5.1,wide,3,Iris-setosa\n"), "m.arff"),
                "'wide' is not a number in attribute 'petal width'");
        assertFails(MalformedDataException.class, () -> ArffLoader.arff()
                .load(new StringReader(HEADER + "5.1,3,Iris-setosa\n"), "m.arff"), "3 values but there are 4 attributes");
    }

    @Test
    void unsupportedArff() {
        assertFails(MalformedDataException.class, () -> ArffLoader.arff().load(new StringReader(
                "@relation r\n@attribute colour {red,blue}\n@attribute x numeric\n@attribute c {a,b}\n@data\nred,1,a\n"),
                "n.arff"), "attribute 'colour' is nominal", "features must be numeric");
        assertFails(MalformedDataException.class, () -> ArffLoader.arff().load(new StringReader(
                "@relation r\n@attribute name string\n@attribute c {a,b}\n@data\n"), "s.arff"),
                "line 2", "type 'string' is not supported");
        assertFails(MalformedDataException.class, () -> ArffLoader.arff().load(new StringReader(
                HEADER + "{0 5.1, 3 Iris-setosa}\n"), "sparse.arff"), "sparse ARFF rows are not supported");
        assertFails(MalformedDataException.class, () -> ArffLoader.arff().load(new StringReader(
                "@relation r\n@attribute x numeric\n@attribute y numeric\n@data\n1,2\n"), "num.arff"),
                "the class attribute 'y' is numeric");
    }

    @Test
    void malformedHeader() {
        assertFails(MalformedDataException.class,
                () -> ArffLoader.arff().load(new StringReader("@relation r\n@attribute x numeric\n"), "h.arff"),
                "h.arff: it has no @data section");
        assertFails(MalformedDataException.class,
                () -> ArffLoader.arff().load(new StringReader(""), "e.arff"), "e.arff is empty or not ARFF");
        assertFails(MalformedDataException.class,
                () -> ArffLoader.arff().load(new StringReader("@relation r\n@data\n"), "h.arff"), "no @attribute");
        assertFails(MalformedDataException.class, () -> ArffLoader.arff().load(new StringReader(
                "@relation r\n@attribute c {a,a}\n@data\n"), "h.arff"), "line 2", "'a' is declared twice");
        assertFails(MalformedDataException.class, () -> ArffLoader.arff().load(new StringReader(
                "@relation r\nx,y\n"), "h.arff"), "line 2", "expected @relation, @attribute or @data");
        assertFails(MalformedDataException.class, () -> ArffLoader.arff().classAttribute("label").load(
                new StringReader(HEADER + "5.1,0.2,3,Iris-setosa\n"), "h.arff"), "no attribute named 'label'");
        assertFails(MalformedDataException.class, () -> ArffLoader.arff().load(new StringReader(HEADER), "h.arff"),
                "no rows");
    }
}
