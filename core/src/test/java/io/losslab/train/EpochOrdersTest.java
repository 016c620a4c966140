package io.losslab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EpochOrdersTest {

    @Test
    void everyEpochVisitsEveryExampleOnceInANewOrder() {
        EpochOrders orders = EpochOrders.firstCall(3, 50);
        int[] first = orders.next();
        int[] second = orders.next();
        int[] all = IntStream.range(0, 50).toArray();
        assertArrayEquals(all, IntStream.of(first).sorted().toArray());
        assertArrayEquals(all, IntStream.of(second).sorted().toArray());
        assertFalse(Arrays.equals(first, all), "the first epoch is shuffled");
        assertFalse(Arrays.equals(first, second), "each epoch is shuffled anew");
    }

    @Test
    void aSeedGivesTheSameOrdersAndAnotherSeedOthers() {
        EpochOrders one = EpochOrders.firstCall(3, 50);
        EpochOrders same = EpochOrders.firstCall(3, 50);
        for (int epoch = 0; epoch < 3; epoch++) {
            assertArrayEquals(one.next(), same.next(), "epoch " + epoch);
        }
        assertFalse(Arrays.equals(EpochOrders.firstCall(3, 50).next(), EpochOrders.firstCall(4, 50).next()));
    }

    @Test
    void anEmptySetIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EpochOrders.firstCall(3, 0));
        assertEquals("size must be at least 1, but is 0", e.getMessage());
    }
}
