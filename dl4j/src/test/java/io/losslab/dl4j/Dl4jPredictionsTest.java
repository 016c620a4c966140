package io.losslab.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.losslab.data.BundledData;
import io.losslab.data.LabeledData;
import io.losslab.data.Predictions;
import io.losslab.eval.ClassificationMetrics;
import io.losslab.train.NdTrainer;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

class Dl4jPredictionsTest {

    private static final LabeledData DIGITS = BundledData.digits();

    private static MultiLayerNetwork trained() {
        NdTrainer trainer = NdTrainer.builder().hiddenSizes(16).adam(1e-2).epochs(3).batchSize(64).seed(5).build();
        return Dl4jTraining.fit(Dl4jNetworks.fromTrainer(trainer, DIGITS), trainer, DIGITS);
    }

    @Test
    void predictionsAreTheMostProbableClassAndItsProbability() {
        MultiLayerNetwork network = trained();
        Predictions predictions = Dl4jPredictions.of(network, DIGITS, DIGITS.classCounts());
        INDArray probabilities = Transforms.softmax(network.output(DIGITS.features().toINDArray(), false), false);
        assertArrayEquals(DIGITS.labels(), predictions.truth());
        assertArrayEquals(probabilities.argMax(1).toIntVector(), predictions.predicted());
        assertArrayEquals(probabilities.max(1).toDoubleVector(), predictions.confidence(), 1e-7);
        assertEquals(DIGITS.classNames(), predictions.classNames());
        ClassificationMetrics metrics = Dl4jPredictions.metrics(network, DIGITS, DIGITS.classCounts());
        assertTrue(metrics.balancedAccuracy() > 0.8, "three epochs learn the training digits: " + metrics);
    }

    @Test
    void aSavedAndRestoredNetworkPredictsTheSame(@TempDir Path dir) throws Exception {
        MultiLayerNetwork network = trained();
        Path file = dir.resolve("digits.zip");
        ModelSerializer.writeModel(network, file.toFile(), true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file.toFile());
        INDArray features = DIGITS.features().toINDArray();
        assertEquals(network.output(features, false), restored.output(features, false));
        assertArrayEquals(Dl4jPredictions.of(network, DIGITS, DIGITS.classCounts()).predicted(),
                Dl4jPredictions.of(restored, DIGITS, DIGITS.classCounts()).predicted());
    }

    @Test
    void aLayerThatIsNotTheIdentityIsRefusedWhenItTrains() {
        MultiLayerConfiguration softmax = Dl4jNetworks.configuration(NdTrainer.builder().loss("focal(gamma=2)").build(),
                DIGITS);
        ((BaseLayer) softmax.getConf(0).getLayer()).setActivationFn(new ActivationSoftmax());
        MultiLayerNetwork network = new MultiLayerNetwork(softmax);
        network.init();
        Exception e = assertThrows(IllegalArgumentException.class, () -> Dl4jTraining.fit(network, DIGITS, 1, 64, 0));
        assertEquals("the layer's activation is softmax, but focal(gamma=2) takes logits: "
                + "set the layer's activation to Activation.IDENTITY", e.getMessage());
    }

    @Test
    void aLossWithoutSingleLabelTargetsIsRefusedWhenItTrains() {
        MultiLayerNetwork network = new MultiLayerNetwork(
                Dl4jNetworks.configuration(NdTrainer.builder().build(), DIGITS));
        MultiLayerNetwork scores = new MultiLayerNetwork(Dl4jNetworks.withLoss(network.getLayerWiseConfigurations(),
                "gp-kl", null));
        scores.init();
        Exception e = assertThrows(IllegalArgumentException.class, () -> Dl4jTraining.fit(scores, DIGITS, 1, 64, 0));
        assertEquals("loss = gp-kl takes no single-label targets, so it cannot train on " + DIGITS.source()
                + ", which has one class per example", e.getMessage());
    }

    @Test
    void mismatchedCountsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dl4jPredictions.of(trained(), DIGITS, new long[] {1, 2}));
        assertTrue(e.getMessage().startsWith("trainingCounts has 2 entries, but test = "), e.getMessage());
    }
}
