package io.losslab.data;

import static io.losslab.data.TestFiles.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;

/** The result type: its checks, subsets, and conversions to ND4J and Tribuo. */
class LabeledDataTest {

    private final LabeledData data = LabeledData.of(
            FeatureMatrix.of(new float[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}, {0, -1, 0.5f}}, List.of("a", "b", "c")),
            new int[] {1, 0, 1, 2}, List.of("cat", "dog", "emu"), "hand-made");

    @Test
    void toINDArrayKeepsValuesAndShape() {
        INDArray x = data.features().toINDArray();
        assertEquals(DataType.FLOAT, x.dataType());
        assertArrayEquals(new long[] {4, 3}, x.shape());
        assertEquals(6f, x.getFloat(1, 2));
        assertEquals(-1f, x.getFloat(3, 1));
        INDArray y = data.labelsINDArray();
        assertEquals(DataType.INT32, y.dataType());
        assertArrayEquals(new int[] {1, 0, 1, 2}, y.toIntVector());
    }

    @Test
    void columnStatisticsAreEachColumnsRangeMeanAndSquaredDeviations() {
        FeatureMatrix.ColumnStatistics columns = data.features().columnStatistics();
        assertArrayEquals(new double[] {0, -1, 0.5}, columns.min());
        assertArrayEquals(new double[] {7, 8, 9}, columns.max());
        assertArrayEquals(new double[] {3, 3.5, 4.625}, columns.mean(), 1e-12);
        // column a: 1, 4, 7, 0 about 3 -> 4 + 1 + 16 + 9
        assertArrayEquals(new double[] {30, 45, 40.6875}, columns.squaredDeviations(), 1e-12);
        INDArray x = data.features().toINDArray();
        assertArrayEquals(x.var(false, 0).muli(4).toDoubleVector(), columns.squaredDeviations(), 1e-5);
    }

    @Test
    void toTribuo() {
        MutableDataset<Label> dataset = data.toTribuo();
        assertEquals(4, dataset.size());
        assertEquals(3, dataset.getFeatureMap().size());
        Example<Label> last = dataset.getExample(3);
        assertEquals("emu", last.getOutput().getLabel());
        assertEquals(-1.0, last.lookup("b").getValue());
        assertEquals(0.5, last.lookup("c").getValue());
        List<String> names = new ArrayList<>();
        for (Feature feature : last) {
            names.add(feature.getName());
        }
        assertEquals(List.of("a", "b", "c"), names);
        assertEquals(Set.of("cat", "dog", "emu"),
                dataset.getOutputInfo().getDomain().stream().map(Label::getLabel).collect(Collectors.toSet()));
        assertTrue(dataset.getSourceDescription().contains("hand-made"), dataset.getSourceDescription());
    }

    @Test
    void subsetAndSource() {
        LabeledData picked = data.subset(new int[] {3, 0}, "two of them");
        assertArrayEquals(new int[] {2, 1}, picked.labels());
        assertArrayEquals(new float[] {0, -1, 0.5f}, picked.features().row(0));
        assertEquals(data.classNames(), picked.classNames());
        assertEquals("two of them", picked.source());
        assertEquals("renamed: 4 examples, 3 features, 3 classes", data.withSource("renamed").toString());
    }

    @Test
    void labelsAreCopied() {
        int[] labels = data.labels();
        labels[0] = 2;
        assertEquals(1, data.label(0));
        float[] row = data.features().row(0);
        row[0] = 99;
        assertEquals(1f, data.features().get(0, 0));
    }

    @Test
    void badParts() {
        FeatureMatrix two = FeatureMatrix.of(new float[][] {{1}, {2}}, List.of("x"));
        assertFails(IllegalArgumentException.class, () -> LabeledData.of(two, new int[] {0}, List.of("a"), "s"),
                "1 entries for 2 feature rows");
        assertFails(IllegalArgumentException.class, () -> LabeledData.of(two, new int[] {0, 3}, List.of("a", "b"), "s"),
                "labels[1] = 3", "[0, 2)");
        assertFails(IllegalArgumentException.class, () -> LabeledData.of(two, new int[] {0, 0}, List.of("a", "a"), "s"),
                "distinct");
        assertFails(IllegalArgumentException.class,
                () -> FeatureMatrix.of(new float[][] {{1, 2}, {3}}, List.of("x", "y")), "rows[1] has 1 values");
        assertFails(IllegalArgumentException.class,
                () -> FeatureMatrix.of(new float[][] {{1, 2}}, List.of("x", "x")), "'x' is used by columns 0 and 1");
        assertFails(IndexOutOfBoundsException.class, () -> two.get(2, 0), "row 2");
    }
}
