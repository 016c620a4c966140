package io.losslab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.losslab.data.GaussianClasses;
import io.losslab.data.LabeledData;
import io.losslab.eval.ClassificationMetrics;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The cosine head under am-softmax: it learns, its 2-D embeddings fall around their class
 * directions, and a margin separates the classes further than no margin does.
 */
class CosineHeadTest {

    /** Four well-separated classes in 3-D, to be pressed into a 2-D embedding. */
    private static final GaussianClasses FOUR = GaussianClasses.isotropic(
            new double[][] {{0, 0, 0}, {5, 0, 0}, {0, 5, 0}, {0, 0, 5}}, 1.0, new double[] {0.25, 0.25, 0.25, 0.25});
    private static final LabeledData TRAIN = FOUR.sample(2000, 1);
    private static final LabeledData TEST = FOUR.sample(1000, 2);

    private static NdTrainer.Builder cosine(double margin) {
        return NdTrainer.builder().loss("am-softmax(scale=16, margin=" + margin + ")").hiddenSizes(64, 2)
                .head(NdTrainer.Head.COSINE).adam(0.01).epochs(15).batchSize(64);
    }

    /** Accuracy, mean cosine to the own class direction and to the others, and the mean angle to the own direction in degrees. */
    private record Geometry(double accuracy, double ownCosine, double otherCosine, double spreadDegrees) {

        double separation() {
            return ownCosine - otherCosine;
        }

        static Geometry of(NdModel model, LabeledData data) {
            double[][] embeddings = model.embeddings(model.inputs(data)).toDoubleMatrix();
            double[][] directions = model.classDirections();
            int[] labels = data.labels();
            double own = 0;
            double other = 0;
            double angle = 0;
            for (int i = 0; i < embeddings.length; i++) {
                double norm = Math.hypot(embeddings[i][0], embeddings[i][1]);
                for (int k = 0; k < directions.length; k++) {
                    double cos = (embeddings[i][0] * directions[k][0] + embeddings[i][1] * directions[k][1]) / norm;
                    if (k == labels[i]) {
                        own += cos;
                        angle += Math.acos(Math.max(-1, Math.min(1, cos)));
                    } else {
                        other += cos / (directions.length - 1);
                    }
                }
            }
            int n = embeddings.length;
            return new Geometry(ClassificationMetrics.of(model.predictions(data)).accuracy(), own / n, other / n, Math.toDegrees(angle / n));
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "accuracy %.3f, cosine to own direction %.3f, to others %.3f, spread %.1f°",
                    accuracy, ownCosine, otherCosine, spreadDegrees);
        }
    }

    @Test
    void amSoftmaxWithAMarginSeparatesTheClassesAnglesFurtherThanWithout() {
        // Averaged over seeds: a single run's spread depends on where its directions settle.
        long[] seeds = {1, 2, 3};
        double[] separation = new double[2];
        double[] spread = new double[2];
        double[] margins = {0, 0.35};
        for (int m = 0; m < margins.length; m++) {
            for (long seed : seeds) {
                Geometry g = Geometry.of(cosine(margins[m]).seed(seed).build().train(TRAIN), TEST);
                assertTrue(g.accuracy() > 0.95, "margin " + margins[m] + ", seed " + seed + ": " + g);
                assertTrue(g.separation() > 0.6, "margin " + margins[m] + ", seed " + seed + ": " + g);
                separation[m] += g.separation() / seeds.length;
                spread[m] += g.spreadDegrees() / seeds.length;
            }
        }
        // Measured: separation 1.02 without a margin and 1.27 with m = 0.35; spread 30° and 11°.
        assertTrue(separation[1] > separation[0] + 0.1, "separation " + separation[0] + " → " + separation[1]);
        assertTrue(spread[1] < spread[0] - 5, "spread " + spread[0] + "° → " + spread[1] + "°");
    }

    @Test
    void embeddingsAreTheRawLastHiddenLayerAndDirectionsUnitVectors() {
        NdModel model = cosine(0.35).epochs(2).seed(4).build().train(TRAIN);
        INDArray x = model.inputs(TEST);
        INDArray embeddings = model.embeddings(x);
        assertArrayEquals(new long[] {TEST.size(), 2}, embeddings.shape());
        double[][] directions = model.classDirections();
        assertEquals(4, directions.length);
        for (double[] d : directions) {
            assertEquals(1.0, Math.hypot(d[0], d[1]), 1e-5);
        }
        // The logits are the cosines of the embeddings with the directions.
        double[][] e = embeddings.toDoubleMatrix();
        double[][] logits = model.logits(x).toDoubleMatrix();
        for (int i = 0; i < 20; i++) {
            double norm = Math.hypot(e[i][0], e[i][1]);
            for (int k = 0; k < 4; k++) {
                assertEquals((e[i][0] * directions[k][0] + e[i][1] * directions[k][1]) / norm, logits[i][k], 1e-5);
            }
        }
        assertEquals(NdTrainer.Head.COSINE, model.head());
        assertTrue(model.toString().contains("cosine head"), model.toString());
        String provenance = model.getProvenance().toString();
        assertTrue(provenance.contains("head=COSINE"), provenance);
        assertTrue(cosine(0.35).build().toString().contains("cosine head"));
    }

    @Test
    void aLinearHeadGivesItsHiddenActivationsAndRawWeightColumns() {
        NdModel model = NdTrainer.builder().hiddenSizes(8, 3).epochs(1).seed(5).build().train(TRAIN);
        INDArray embeddings = model.embeddings(model.inputs(TEST));
        assertArrayEquals(new long[] {TEST.size(), 3}, embeddings.shape());
        assertTrue(embeddings.minNumber().doubleValue() >= 0, "ReLU activations");
        double[][] directions = model.classDirections();
        assertEquals(4, directions.length);
        assertEquals(3, directions[0].length);
        assertEquals(NdTrainer.Head.LINEAR, model.head());
        // Logits of the linear head: the embedding times the weight columns plus a bias.
        double[][] e = embeddings.toDoubleMatrix();
        double[][] logits = model.logits(model.inputs(TEST)).toDoubleMatrix();
        double bias0 = logits[0][0] - dot(e[0], directions[0]);
        assertEquals(bias0, logits[1][0] - dot(e[1], directions[0]), 1e-4);
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    @Test
    void withoutAHiddenLayerThereIsNoCosineHeadAndNoEmbedding() {
        IllegalArgumentException head = assertThrows(IllegalArgumentException.class,
                () -> NdTrainer.builder().head(NdTrainer.Head.COSINE).build());
        assertEquals("head = COSINE needs at least one hidden layer as its embedding, but hiddenSizes is empty",
                head.getMessage());
        NdModel regression = NdTrainer.builder().epochs(1).build().train(TRAIN);
        IllegalStateException embeddings = assertThrows(IllegalStateException.class,
                () -> regression.embeddings(regression.inputs(TEST)));
        assertTrue(embeddings.getMessage().contains("no hidden layer"), embeddings.getMessage());
        assertEquals(4, regression.classDirections().length);
        assertEquals(3, regression.classDirections()[0].length, "the weights of the inputs");
    }
}
