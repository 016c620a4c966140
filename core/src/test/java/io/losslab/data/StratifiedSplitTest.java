package io.losslab.data;

import static io.losslab.data.TestFiles.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Stratified, seeded splits: per-class proportions, no example lost or repeated, reproducible. */
class StratifiedSplitTest {

    private final LabeledData data = LongTailTest.unbalanced(new int[] {100, 50, 7});

    @Test
    void everyClassIsSplitInProportion() {
        DataSplits splits = StratifiedSplit.of(0.6, 0.2, 0.2).split(data, 5);
        assertArrayEquals(new long[] {60, 30, 4}, splits.train().classCounts());
        assertArrayEquals(new long[] {20, 10, 2}, splits.validation().classCounts());
        assertArrayEquals(new long[] {20, 10, 1}, splits.test().classCounts());
        assertTrue(splits.hasValidation());
        assertTrue(splits.test().source().contains("test (stratified 0.6/0.2/0.2, seed 5)"), splits.test().source());
    }

    @Test
    void noExampleIsLostOrRepeated() {
        DataSplits splits = StratifiedSplit.of(0.5, 0.25, 0.25).split(data, 9);
        Set<Float> ids = new HashSet<>();
        for (LabeledData part : new LabeledData[] {splits.train(), splits.validation(), splits.test()}) {
            for (int i = 0; i < part.size(); i++) {
                assertTrue(ids.add(part.features().get(i, 0)));
                assertEquals(part.label(i), (int) part.features().get(i, 1));
            }
        }
        assertEquals(data.size(), ids.size());
    }

    @Test
    void seeded() {
        StratifiedSplit split = StratifiedSplit.trainTest(0.3);
        float[] a = split.split(data, 1).test().features().toArray();
        float[] b = split.split(data, 1).test().features().toArray();
        float[] c = split.split(data, 2).test().features().toArray();
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
        assertFalse(split.split(data, 1).hasValidation());
    }

    @Test
    void badFractions() {
        assertFails(IllegalArgumentException.class, () -> StratifiedSplit.of(0.5, 0.2, 0.2), "must be 1", "0.9");
        assertFails(IllegalArgumentException.class, () -> StratifiedSplit.of(1.2, -0.2, 0), "validation", "-0.2");
        assertFails(IllegalArgumentException.class, () -> StratifiedSplit.of(-0.5, 0, 1.5),
                "test must be a fraction in [0, 1], but is 1.5");
        assertFails(IllegalArgumentException.class, () -> StratifiedSplit.trainTest(Double.NaN), "testFraction", "NaN");
    }

    @Test
    void aSplitThatLeavesTheTrainingOrTheTestSetEmptyIsRefused() {
        LabeledData iris = BundledData.iris();
        assertFails(IllegalArgumentException.class, () -> StratifiedSplit.trainTest(0).split(iris, 0),
                "test = 0 leaves the test set empty: 0 of the 150 examples go to it (train 150, validation 0)");
        assertFails(IllegalArgumentException.class, () -> StratifiedSplit.trainTest(0.001).split(iris, 0),
                "test = 0.001 leaves the test set empty: 0 of the 150 examples go to it (train 150, validation 0)");
        assertFails(IllegalArgumentException.class, () -> StratifiedSplit.trainTest(1).split(iris, 0),
                "train = 0 leaves the training set empty: 0 of the 150 examples go to it (validation 0, test 150)");
        assertEquals(3, StratifiedSplit.trainTest(0.02).split(iris, 0).test().size(), "one of each class is enough");
    }

    @Test
    void splitsRefuseAnEmptyTrainingOrTestSet() {
        LabeledData iris = BundledData.iris();
        LabeledData none = iris.subset(new int[0], "nothing");
        assertFails(IllegalArgumentException.class, () -> DataSplits.of(iris, none),
                "test = nothing is empty: splits need at least one example to train on and one to test on");
        assertFails(IllegalArgumentException.class, () -> DataSplits.of(none, iris), "train = nothing is empty");
    }
}
