package io.losslab.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.losslab.data.FeatureMatrix;
import io.losslab.data.LabeledData;
import io.losslab.train.EpochOrders;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

class ShuffledBatchesTest {

    /** 23 examples whose only feature is their row number, labelled row mod 3. */
    private static final LabeledData NUMBERED = numbered(23);

    private static LabeledData numbered(int n) {
        float[][] rows = new float[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = new float[] {i};
            labels[i] = i % 3;
        }
        return LabeledData.of(FeatureMatrix.of(rows, List.of("row")), labels, List.of("a", "b", "c"), "numbered");
    }

    /** The row numbers of one pass, in order, checking each batch's size and one-hot labels. */
    private static List<Integer> pass(ShuffledBatches batches) {
        List<Integer> rows = new ArrayList<>();
        while (batches.hasNext()) {
            DataSet batch = batches.next();
            int expectedSize = Math.min(5, 23 - rows.size());
            assertEquals(expectedSize, batch.numExamples());
            for (int i = 0; i < batch.numExamples(); i++) {
                int row = batch.getFeatures().getInt(i, 0);
                float[] oneHot = new float[3];
                oneHot[row % 3] = 1;
                assertArrayEquals(oneHot, batch.getLabels().getRow(i).toFloatVector(), "row " + row);
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    void everyPassVisitsEveryExampleOnceInANewOrder() {
        ShuffledBatches batches = new ShuffledBatches(NUMBERED, 5, 1);
        List<Integer> first = pass(batches);
        batches.reset();
        List<Integer> second = pass(batches);
        List<Integer> all = IntStream.range(0, 23).boxed().toList();
        assertEquals(all, first.stream().sorted().toList());
        assertEquals(all, second.stream().sorted().toList());
        assertFalse(first.equals(second), "each pass is shuffled anew");
        assertFalse(first.equals(all), "the first pass is shuffled too");
    }

    @Test
    void aSeedGivesTheSamePasses() {
        ShuffledBatches one = new ShuffledBatches(NUMBERED, 5, 3);
        ShuffledBatches other = new ShuffledBatches(NUMBERED, 5, 3);
        assertEquals(pass(one), pass(other));
        one.reset();
        other.reset();
        assertEquals(pass(one), pass(other));
        assertFalse(pass(new ShuffledBatches(NUMBERED, 5, 3)).equals(pass(new ShuffledBatches(NUMBERED, 5, 4))));
    }

    @Test
    void thePassesAreTheTrainersEpochOrders() {
        ShuffledBatches batches = new ShuffledBatches(NUMBERED, 5, 3);
        EpochOrders orders = EpochOrders.firstCall(3, 23);
        for (int epoch = 0; epoch < 3; epoch++) {
            assertEquals(IntStream.of(orders.next()).boxed().toList(), pass(batches), "epoch " + epoch);
            batches.reset();
        }
    }

    @Test
    void aResetBeforeThePassBeginsSkipsNoOrder() {
        ShuffledBatches reset = new ShuffledBatches(NUMBERED, 5, 3);
        reset.reset();
        reset.reset();
        List<Integer> first = pass(reset);
        reset.reset();
        reset.reset();
        ShuffledBatches plain = new ShuffledBatches(NUMBERED, 5, 3);
        assertEquals(pass(plain), first);
        plain.reset();
        assertEquals(pass(plain), pass(reset));
    }

    @Test
    void badBatchSizeIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ShuffledBatches(NUMBERED, 0, 1));
        assertEquals("batchSize must be at least 1, but is 0", e.getMessage());
    }
}
