package io.losslab.data;

import static io.losslab.data.TestFiles.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The four bundled sets: their published sizes and class counts, first rows, and licence notice. */
class BundledDataTest {

    @Test
    void iris() {
        LabeledData iris = BundledData.iris();
        assertEquals(150, iris.size());
        assertEquals(List.of("sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"),
                iris.featureNames());
        assertEquals(List.of("setosa", "versicolor", "virginica"), iris.classNames());
        assertArrayEquals(new long[] {50, 50, 50}, iris.classCounts());
        assertArrayEquals(new float[] {5.1f, 3.5f, 1.4f, 0.2f}, iris.features().row(0));
    }

    @Test
    void wine() {
        LabeledData wine = BundledData.wine();
        assertEquals(13, wine.numFeatures());
        assertArrayEquals(new long[] {59, 71, 48}, wine.classCounts());
        assertEquals(1065f, wine.features().get(0, 12), "proline of the first wine");
    }

    @Test
    void breastCancer() {
        LabeledData cancer = BundledData.breastCancer();
        assertEquals(30, cancer.numFeatures());
        assertEquals(List.of("malignant", "benign"), cancer.classNames());
        assertArrayEquals(new long[] {212, 357}, cancer.classCounts());
        assertEquals("mean radius", cancer.featureNames().get(0));
        assertEquals("worst fractal dimension", cancer.featureNames().get(29));
        assertEquals(17.99f, cancer.features().get(0, 0));
    }

    @Test
    void digits() {
        LabeledData digits = BundledData.digits();
        assertEquals(1797, digits.size());
        assertEquals(64, digits.numFeatures());
        assertArrayEquals(new long[] {178, 182, 177, 183, 181, 182, 181, 179, 174, 180}, digits.classCounts());
        assertEquals(0, digits.label(0));
        assertEquals(13f, digits.features().get(0, 3));
        float max = 0;
        for (float v : digits.features().toArray()) {
            max = Math.max(max, v);
        }
        assertEquals(16f, max, "pixel counts of 4×4 blocks go up to 16");
    }

    @Test
    void byNameAndNotice() {
        assertEquals(BundledData.names(), List.of("iris", "wine", "breast-cancer", "digits"));
        assertEquals(569, BundledData.load(" Breast-Cancer ").size());
        assertFails(IllegalArgumentException.class, () -> BundledData.load("mnist"), "mnist", "[iris, wine");
        String notice = BundledData.notice();
        for (String expected : List.of("iris.csv", "wine.csv", "breast-cancer.csv", "digits.csv.gz", "CC BY 4.0",
                "archive.ics.uci.edu", "scikit-learn", "Fisher", "Forina", "Wolberg", "Alpaydin")) {
            assertTrue(notice.contains(expected), "the notice names " + expected);
        }
        assertTrue(BundledData.iris().source().contains("bundled"));
    }
}
