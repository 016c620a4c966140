package io.losslab.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The host entry point against the ND4J one, the fast exp against {@code Math.exp}, and the
 * fused pass on batches large enough to be split over threads and on logits that are views.
 */
class HostLossTest {

    static List<LossCases.Case> cases() {
        return LossCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hostArraysGiveWhatNd4jArraysGive(LossCases.Case c) {
        Random random = new Random(11);
        int n = 6;
        INDArray logits = LossCases.gaussian(random, n, LossCases.NUM_CLASSES, 2, DataType.DOUBLE);
        Targets targets = c.targets().apply(random, n);
        for (Reduction reduction : Reduction.values()) {
            LossResult expected = c.loss().compute(logits, targets, reduction);
            double[] gradient = new double[n * LossCases.NUM_CLASSES];
            double value = c.loss().compute(logits.data().asDouble(), targets, reduction, gradient);
            assertEquals(expected.value(), value, 1e-12 * Math.max(1, Math.abs(value)), c + " " + reduction);
            assertArrayEquals(expected.gradient().data().asDouble(), gradient, 1e-12, c + " " + reduction);

            INDArray floats = logits.castTo(DataType.FLOAT);
            LossResult expectedFloat = c.loss().compute(floats, targets, reduction);
            float[] floatGradient = new float[n * LossCases.NUM_CLASSES];
            double floatValue = c.loss().compute(floats.data().asFloat(), targets, reduction, floatGradient);
            assertEquals(expectedFloat.value(), floatValue, 1e-6 * Math.max(1, Math.abs(floatValue)), c + " float");
            assertArrayEquals(expectedFloat.gradient().data().asFloat(), floatGradient, 1e-6f, c + " float");
        }
    }

    @Test
    void fastExpIsWithinRoundingOfMathExp() {
        int k = 20001;
        double[] x = new double[k];
        for (int i = 0; i < k; i++) {
            x[i] = -87.0 * i / (k - 1);
        }
        float[] floats = new float[k];
        for (int i = 0; i < k; i++) {
            floats[i] = (float) x[i];
        }
        FloatRow floatRow = new FloatRow(FloatBuffer.wrap(floats), FloatBuffer.allocate(k), k);
        floatRow.load(0);
        floatRow.expAndSumOthers(0);
        DoubleRow doubleRow = new DoubleRow(DoubleBuffer.wrap(x), DoubleBuffer.allocate(k), k);
        doubleRow.load(0);
        doubleRow.expAndSumOthers(0);
        for (int i = 0; i < k; i++) {
            double floatExact = Math.exp(floats[i]);
            assertEquals(floatExact, floatRow.get(i), 2.5e-7 * floatExact, "float exp(" + floats[i] + ")");
            double exact = Math.exp(x[i]);
            assertEquals(exact, doubleRow.get(i), 2e-15 * exact, "double exp(" + x[i] + ")");
        }
    }

    @Test
    void entriesFarBelowTheTargetUnderflowToZeroAndTheTargetStaysTheOffset() {
        double[] x = {0, -1, -100, -800, -1e5};
        int target = 1;
        float[] floats = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            floats[i] = (float) x[i];
        }
        FloatRow floatRow = new FloatRow(FloatBuffer.wrap(floats), FloatBuffer.allocate(x.length), x.length);
        floatRow.load(0);
        double floatOthers = floatRow.expAndSumOthers(target);
        DoubleRow doubleRow = new DoubleRow(DoubleBuffer.wrap(x), DoubleBuffer.allocate(x.length), x.length);
        doubleRow.load(0);
        double doubleOthers = doubleRow.expAndSumOthers(target);
        assertEquals(x[target], floatRow.offset(), "float offset");
        assertEquals(x[target], doubleRow.offset(), "double offset");
        assertEquals(Math.E, floatOthers, 2.5e-7 * Math.E);
        assertEquals(Math.E, doubleOthers, 2e-15 * Math.E);
        for (int i = 0; i < x.length; i++) {
            double exact = Math.exp(x[i] - x[target]);
            double floatExpected = exact < Float.MIN_NORMAL ? 0 : exact;
            assertEquals(floatExpected, floatRow.get(i), 2.5e-7 * floatExpected, "float exp(" + x[i] + ")");
            double doubleExpected = exact < Double.MIN_NORMAL ? 0 : exact;
            assertEquals(doubleExpected, doubleRow.get(i), 2e-15 * doubleExpected, "double exp(" + x[i] + ")");
        }
    }

    @Test
    void largeBatchesSplitOverThreadsGiveEachRowItsOwnGradient() {
        Random random = new Random(5);
        int n = 3000;
        int k = 40;
        INDArray logits = LossCases.gaussian(random, n, k, 3, DataType.FLOAT);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(k);
        }
        Loss loss = Losses.focal(2);
        LossResult whole = loss.compute(logits, Targets.classes(labels, k), Reduction.SUM);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            INDArray row = logits.getRow(i, true).dup();
            LossResult alone = loss.compute(row, Targets.classes(new int[] {labels[i]}, k), Reduction.SUM);
            assertArrayEquals(alone.gradient().data().asFloat(), whole.gradient().getRow(i).toFloatVector(), 0f,
                    "row " + i);
            sum += alone.value();
        }
        assertEquals(sum, whole.value(), 1e-9 * sum);
        assertEquals(whole.value(), loss.compute(logits, Targets.classes(labels, k), Reduction.SUM).value(), 0.0,
                "the same batch gives the same value, however the threads ran");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void batchesSplitOverThreadsHaveTheGradientOfTheirValue(LossCases.Case c) {
        Random random = new Random(17);
        // 48,000 entries: more than RowPass's block of 32,768, so the rows are shared among threads.
        int n = 12_000;
        double[] logits = LossCases.gaussian(random, n, LossCases.NUM_CLASSES, 2, DataType.DOUBLE).data().asDouble();
        Targets targets = c.targets().apply(random, n);
        double[] gradient = new double[logits.length];
        c.loss().compute(logits, targets, Reduction.SUM, gradient);
        double[] scratch = new double[logits.length];
        double step = 1e-4;
        for (int sample = 0; sample < 8; sample++) {
            int entry = random.nextInt(logits.length);
            double original = logits[entry];
            logits[entry] = original + step;
            double up = c.loss().compute(logits, targets, Reduction.SUM, scratch);
            logits[entry] = original - step;
            double down = c.loss().compute(logits, targets, Reduction.SUM, scratch);
            logits[entry] = original;
            double numeric = (up - down) / (2 * step);
            // The difference quotient of a value in the thousands is itself off by its rounding, ulp(value) / step.
            double tolerance = 1e-6 * Math.max(1, Math.abs(numeric)) + Math.ulp(Math.abs(up)) / step;
            assertEquals(numeric, gradient[entry], tolerance, c + " entry " + entry);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aLogitThatIsNotFiniteIsRefusedWhereverItStands(LossCases.Case c) {
        Random random = new Random(19);
        int n = 3;
        Targets targets = c.targets().apply(random, n);
        float[] logits = LossCases.gaussian(random, n, LossCases.NUM_CLASSES, 2, DataType.FLOAT).data().asFloat();
        for (int entry = 0; entry < logits.length; entry++) {
            float original = logits[entry];
            for (float bad : new float[] {Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, Float.NaN}) {
                logits[entry] = bad;
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> c.loss().compute(logits, targets, Reduction.MEAN, new float[logits.length]),
                        c + ": " + bad + " at entry " + entry);
                String expected = Float.isNaN(bad) ? "1 entries are NaN and 0 are infinite" : "0 entries are NaN and 1 are infinite";
                assertEquals("logits must be finite, but " + expected, e.getMessage(), c + " entry " + entry);
            }
            logits[entry] = original;
        }
    }

    @Test
    void viewsAndColumnMajorLogitsAreReadAsTheirValues() {
        Random random = new Random(9);
        INDArray wide = LossCases.gaussian(random, 8, 6, 2, DataType.DOUBLE);
        INDArray view = wide.get(NDArrayIndex.interval(2, 6), NDArrayIndex.interval(1, 5));
        INDArray columnMajor = view.dup('f');
        Targets targets = Targets.classes(new int[] {0, 3, 2, 1}, 4);
        Loss loss = Losses.logitAdjusted(1).withClassCounts(LossCases.COUNTS);
        LossResult expected = loss.compute(view.dup('c'), targets, Reduction.MEAN);
        for (INDArray logits : List.of(view, columnMajor)) {
            LossResult result = loss.compute(logits, targets, Reduction.MEAN);
            assertEquals(expected.value(), result.value(), 0.0);
            assertEquals(expected.gradient(), result.gradient());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aGivenGradientArrayGetsWhatANewOneWould(LossCases.Case c) {
        Random random = new Random(13);
        int n = 5;
        INDArray logits = LossCases.gaussian(random, n, LossCases.NUM_CLASSES, 2, DataType.FLOAT);
        Targets targets = c.targets().apply(random, n);
        LossResult expected = c.loss().compute(logits, targets, Reduction.SUM);
        INDArray wide = Nd4j.zeros(DataType.FLOAT, n, LossCases.NUM_CLASSES + 2);
        INDArray view = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(1, LossCases.NUM_CLASSES + 1));
        for (INDArray gradient : List.of(Nd4j.zeros(DataType.FLOAT, n, LossCases.NUM_CLASSES), view)) {
            double value = c.loss().compute(logits, targets, Reduction.SUM, gradient);
            assertEquals(expected.value(), value, 0.0, c.name());
            assertEquals(expected.gradient(), gradient, c.name());
        }
        assertEquals(0, wide.getColumn(0).sumNumber().doubleValue(), "nothing is written beside the view");
    }

    @Test
    void aGradientArrayOfAnotherShapeOrTypeIsRefusedByName() {
        INDArray logits = Nd4j.zeros(DataType.FLOAT, 2, 4);
        Targets targets = Targets.classes(new int[] {0, 1}, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Losses.ce().compute(logits, targets, Reduction.MEAN, Nd4j.zeros(DataType.DOUBLE, 2, 4)));
        assertEquals("gradient must be FLOAT of shape [2, 4] like the logits, but is DOUBLE of shape [2, 4]", e.getMessage());
    }

    @Test
    void hostArraysOfTheWrongLengthAreRefusedByName() {
        Targets targets = Targets.classes(new int[] {0, 1}, 4);
        IllegalArgumentException shortLogits = assertThrows(IllegalArgumentException.class,
                () -> Losses.ce().compute(new float[7], targets, Reduction.MEAN, new float[8]));
        assertTrue(shortLogits.getMessage().startsWith("logits have 7 values"), shortLogits.getMessage());
        IllegalArgumentException shortGradient = assertThrows(IllegalArgumentException.class,
                () -> Losses.ce().compute(new double[8], targets, Reduction.MEAN, new double[3]));
        assertTrue(shortGradient.getMessage().startsWith("gradient has room for 3 values"), shortGradient.getMessage());
    }

    @Test
    void nonFiniteHostLogitsAreCounted() {
        float[] logits = {0, 1, Float.NaN, 2, Float.NEGATIVE_INFINITY, 0, 0, 1};
        Targets targets = Targets.classes(new int[] {0, 1}, 4);
        for (Loss loss : List.of(Losses.ce(), Losses.sigmoidCe())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> loss.compute(logits, targets, Reduction.MEAN, new float[8]));
            assertEquals("logits must be finite, but 1 entries are NaN and 1 are infinite", e.getMessage(), loss.spec());
        }
    }

    @Test
    void logitAdjustmentGivesTheSoftmaxOfTheShiftedLogitsWhateverTheSpreadOfThePrior() {
        double[][] logits = {{2, -1, 0.5, 0}, {-3, 4, 1, 1}, {0, 0, 0, 0}};
        int[] labels = {3, 0, 2};
        double[] logPrior = ClassPrior.fromCounts(LossCases.COUNTS).log();
        for (double tau : new double[] {1, 10}) {
            double expected = 0;
            for (int n = 0; n < labels.length; n++) {
                double[] shifted = new double[logPrior.length];
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < shifted.length; k++) {
                    shifted[k] = logits[n][k] + tau * logPrior[k];
                    max = Math.max(max, shifted[k]);
                }
                double sum = 0;
                for (double z : shifted) {
                    sum += Math.exp(z - max);
                }
                expected += Math.log(sum) - (shifted[labels[n]] - max);
            }
            Loss loss = Losses.logitAdjusted(tau).withClassCounts(LossCases.COUNTS);
            double value = loss.compute(Nd4j.createFromArray(logits), Targets.classes(labels, 4), Reduction.SUM).value();
            assertEquals(expected, value, 1e-12 * expected, "tau = " + tau);
        }
    }

    @Test
    void aTargetLogitFarBelowTheRowsMaximumIsOffsetByTheMaximum() {
        double[] row = {0, 150, 1};
        double expected = 150 + Math.log1p(Math.exp(-150) + Math.exp(-149));
        Targets target = Targets.classes(new int[] {0}, 3);
        for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
            LossResult result = Losses.ce().compute(Nd4j.createFromArray(new double[][] {row}).castTo(type), target,
                    Reduction.MEAN);
            assertEquals(expected, result.value(), 1e-5, type.toString());
            assertArrayEquals(new double[] {-1, 1, 0}, result.gradient().toDoubleVector(), 1e-6, type.toString());
        }
    }

    @Test
    void aNanTargetLogitIsRefused() {
        float[] logits = {Float.NaN, 1, 2, 3};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Losses.focal(2).compute(logits, Targets.classes(new int[] {0}, 4), Reduction.MEAN, new float[4]));
        assertEquals("logits must be finite, but 1 entries are NaN and 0 are infinite", e.getMessage());
    }

    @Test
    void anExtremeRowUnderflowsToZeroProbabilityNotToNaN() {
        INDArray logits = Nd4j.createFromArray(new float[][] {{0, -200, -1e30f, 50}});
        LossResult result = Losses.ce().compute(logits, Targets.classes(new int[] {3}, 4), Reduction.MEAN);
        assertEquals(0, result.value(), 1e-6);
        for (float g : result.gradient().toFloatVector()) {
            assertTrue(Float.isFinite(g) && Math.abs(g) < 1e-6, "gradient " + result.gradient());
        }
    }
}
