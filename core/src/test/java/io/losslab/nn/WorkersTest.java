package io.losslab.nn;

import static io.losslab.nn.TestArrays.assertClose;
import static io.losslab.nn.TestArrays.randomMatrix;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A training step split into shards by examples computes what one pass computes, the same on one
 * thread as on two, and its workers hand back failures and their threads.
 */
class WorkersTest {

    private static final Layout LAYOUT = new Layout(new int[] {12, 16, 10, 4}, false);
    private static final int BATCH = 40;

    @Test
    void shardedPassGivesTheLogitsAndGradientOfOnePass() {
        try (Workers two = new Workers(2, true)) {
            Outcome whole = run(Workers.single(), 0);
            Outcome sharded = run(two, 0);
            assertClose(whole.logits(), sharded.logits(), 1e-5, "logits");
            assertClose(whole.gradients(), sharded.gradients(), 1e-5, "gradients");
            assertTrue(maxAbs(whole.gradients()) > 1e-3, "the gradient is not all zero");
        }
    }

    @Test
    void twoShardsGiveTheSameNumbersOnOneThreadAsOnTwo() {
        Outcome parallel;
        try (Workers helped = new Workers(2, true)) {
            parallel = run(helped, 0.3);
        }
        try (Workers alone = new Workers(2, false)) {
            Outcome serial = run(alone, 0.3);
            assertArrayEquals(serial.logits(), parallel.logits());
            assertArrayEquals(serial.gradients(), parallel.gradients());
            assertArrayEquals(serial.stepped(), parallel.stepped());
        }
    }

    @Test
    void anUpdateInPartsEqualsOneUpdate() {
        float[] initial = LAYOUT.initialParameters(new SplittableRandom(1));
        Parameters whole = new Parameters(initial);
        Parameters parts = new Parameters(initial);
        INDArray gradient = randomMatrix(1, LAYOUT.parameterCount(), 2).reshape(LAYOUT.parameterCount());
        whole.gradientArray().assign(gradient);
        parts.gradientArray().assign(gradient);
        Optimiser first = new Adam(1e-2, 1e-3);
        Optimiser second = new Adam(1e-2, 1e-3);
        first.initialise(LAYOUT.parameterCount());
        second.initialise(LAYOUT.parameterCount());
        try (Workers two = new Workers(2, true)) {
            for (int step = 0; step < 3; step++) {
                whole.step(first);
                parts.step(second, two);
            }
        }
        assertArrayEquals(whole.values(), parts.values());
        assertArrayEquals(whole.values(), parts.array().toFloatVector());
        assertFalse(Arrays.equals(initial, parts.values()), "the parameters moved");
    }

    @Test
    void gatherCopiesTheRowsPullRowsWould() {
        INDArray features = randomMatrix(50, LAYOUT.width(0), 3);
        int[] rows = new SplittableRandom(4).ints(BATCH, 0, 50).toArray();
        Parameters parameters = new Parameters(LAYOUT.initialParameters(new SplittableRandom(1)));
        try (Workers two = new Workers(2, true)) {
            Mlp pass = Mlp.forTraining(LAYOUT, Activation.RELU, Elementwise.HOST_LOOPS, two, BATCH, parameters.array(),
                    parameters.gradientArray(), false);
            pass.gather(features, rows);
            INDArray expected = Nd4j.create(DataType.FLOAT, BATCH, LAYOUT.width(0));
            Nd4j.pullRows(features, expected, 1, rows);
            assertEquals(expected, pass.inputFeatures());
            assertThrows(IllegalArgumentException.class, () -> pass.gather(features, new int[] {1, 2}));
        }
    }

    @Test
    void aFailureOnTheHelperIsThrownToTheCallerAndTheWorkersGoOn() {
        try (Workers two = new Workers(2, true)) {
            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> two.run(shard -> {
                if (shard == 1) {
                    throw new IllegalStateException("shard 1 failed");
                }
            }));
            assertEquals("shard 1 failed", thrown.getMessage());
            AtomicIntegerArray ran = new AtomicIntegerArray(2);
            two.run(ran::incrementAndGet);
            assertEquals(1, ran.get(0));
            assertEquals(1, ran.get(1));
        }
    }

    @Test
    void twoTrainingsAtOnceOnTwoCoresEachRunTheirShardsOnTheirOwnThread() {
        boolean coresForBoth = Runtime.getRuntime().availableProcessors() >= 4;
        try (Workers other = new Workers(2, true); Workers two = new Workers(2, true)) {
            other.run(shard -> { });
            String[] ranOn = new String[2];
            two.run(shard -> ranOn[shard] = Thread.currentThread().getName());
            assertEquals(Thread.currentThread().getName(), ranOn[0]);
            assertEquals(coresForBoth, !ranOn[1].equals(ranOn[0]), "shard 1 ran on " + ranOn[1]);
        }
    }

    @Test
    void oneThreadRunsBothShardsOnTheCallerWhereTwoWouldTakeAHelper() {
        boolean coreToSpare = Runtime.getRuntime().availableProcessors() >= 2;
        String caller = Thread.currentThread().getName();
        try (Workers one = Workers.forTraining(Elementwise.HOST_LOOPS, 1)) {
            assertEquals(2, one.shards(), "the split does not depend on the threads");
            String[] ranOn = new String[2];
            one.run(shard -> ranOn[shard] = Thread.currentThread().getName());
            assertArrayEquals(new String[] {caller, caller}, ranOn);
        }
        try (Workers two = Workers.forTraining(Elementwise.HOST_LOOPS, 2)) {
            String[] ranOn = new String[2];
            two.run(shard -> ranOn[shard] = Thread.currentThread().getName());
            assertEquals(coreToSpare, !ranOn[1].equals(caller), "shard 1 ran on " + ranOn[1]);
        }
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> Workers.forTraining(Elementwise.HOST_LOOPS, 0));
        assertEquals("threads must be at least 1, but is 0", none.getMessage());
    }

    @Test
    void backwardAndStepUpdatesAsBackwardThenStepDo() {
        try (Workers two = new Workers(2, true)) {
            Outcome apart = run(two, 0.3);
            Parameters parameters = new Parameters(LAYOUT.initialParameters(new SplittableRandom(3)));
            Mlp pass = Mlp.forTraining(LAYOUT, Activation.RELU, Elementwise.HOST_LOOPS, two, BATCH,
                    parameters.array(), parameters.gradientArray(), true);
            pass.inputFeatures().assign(randomMatrix(BATCH, LAYOUT.width(0), 4));
            pass.forward(0.3, new SplittableRandom(5));
            pass.logitGradient().assign(randomMatrix(BATCH, LAYOUT.width(LAYOUT.layers()), 6));
            Optimiser adam = new Adam(1e-2, 0);
            adam.initialise(LAYOUT.parameterCount());
            pass.backwardAndStep(parameters, adam);
            assertArrayEquals(apart.stepped(), parameters.values());
            assertArrayEquals(parameters.values(), parameters.array().toFloatVector());

            Parameters others = new Parameters(LAYOUT.initialParameters(new SplittableRandom(3)));
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> pass.backwardAndStep(others, adam));
            assertEquals("a pass steps the parameters it was made on, but these are others", refused.getMessage());
        }
    }

    @Test
    void closingStopsTheHelperAndGivesTheBlasItsThreadsBack() throws InterruptedException {
        int before = Nd4j.factory().blas().getMaxThreads();
        Workers two = new Workers(2, true);
        two.run(shard -> assertEquals(1, Nd4j.factory().blas().getMaxThreads()));
        two.close();
        assertEquals(before, Nd4j.factory().blas().getMaxThreads());
        Thread.sleep(50);
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("losslab-training-helper")), "no helper thread is left");
        IllegalStateException closed = assertThrows(IllegalStateException.class, () -> two.run(shard -> { }));
        assertEquals("these workers were closed when their training ended", closed.getMessage());
    }

    private record Outcome(float[] logits, float[] gradients, float[] stepped) {
    }

    /** One forward, backward and Adam step from fixed parameters, input and logit gradient. */
    private static Outcome run(Workers workers, double dropout) {
        Parameters parameters = new Parameters(LAYOUT.initialParameters(new SplittableRandom(3)));
        Mlp pass = Mlp.forTraining(LAYOUT, Activation.RELU, Elementwise.HOST_LOOPS, workers, BATCH,
                parameters.array(), parameters.gradientArray(), dropout > 0);
        pass.inputFeatures().assign(randomMatrix(BATCH, LAYOUT.width(0), 4));
        float[] logits = pass.forward(dropout, new SplittableRandom(5)).dup().data().asFloat();
        pass.backward(randomMatrix(BATCH, LAYOUT.width(LAYOUT.layers()), 6));
        float[] gradients = parameters.gradientArray().toFloatVector();
        Optimiser adam = new Adam(1e-2, 0);
        adam.initialise(LAYOUT.parameterCount());
        parameters.step(adam, workers);
        return new Outcome(logits, gradients, parameters.values().clone());
    }

    private static float maxAbs(float[] values) {
        float max = 0;
        for (float value : values) {
            max = Math.max(max, Math.abs(value));
        }
        return max;
    }
}
