package io.losslab.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.losslab.data.BundledData;
import io.losslab.data.LabeledData;
import io.losslab.data.Predictions;
import io.losslab.loss.LossLabLossFunction;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;

/** LossLab's loss on a Deeplearning4j {@link ComputationGraph}'s output layers, and LossLab's metrics of the graph. */
class Dl4jGraphTest {

    private static final LabeledData DIGITS = BundledData.digits();

    /** 64 pixels, 16 ReLU units, and a softmax output layer per name in {@code outputs}, with DL4J's squared error. */
    private static ComputationGraphConfiguration.GraphBuilder digitsGraph(String... outputs) {
        ComputationGraphConfiguration.GraphBuilder graph = new NeuralNetConfiguration.Builder().seed(3)
                .updater(new Adam(1e-2)).graphBuilder().addInputs("pixels")
                .addLayer("hidden", new DenseLayer.Builder().nIn(64).nOut(16).activation(Activation.RELU).build(), "pixels");
        for (String output : outputs) {
            graph.addLayer(output, new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(16).nOut(10)
                    .activation(Activation.SOFTMAX).build(), "hidden");
        }
        return graph.setOutputs(outputs);
    }

    private static BaseLayer layer(ComputationGraphConfiguration configuration, String name) {
        return (BaseLayer) ((LayerVertex) configuration.getVertices().get(name)).getLayerConf().getLayer();
    }

    @Test
    void everyOutputLayerTakesTheLossAndTheIdentity() {
        ComputationGraphConfiguration mine = digitsGraph("digit", "again").build();
        ComputationGraphConfiguration withLoss = Dl4jNetworks.withLoss(mine, "logit-adjusted(tau=1)", DIGITS.classCounts());
        for (String output : new String[] {"digit", "again"}) {
            OutputLayer layer = (OutputLayer) layer(withLoss, output);
            LossLabLossFunction loss = assertInstanceOf(LossLabLossFunction.class, layer.getLossFn(), output);
            assertEquals("logit-adjusted(tau=1)", loss.spec());
            assertArrayEquals(DIGITS.classCounts(), loss.classCounts());
            assertInstanceOf(ActivationIdentity.class, layer.getActivationFn(), output);
            assertInstanceOf(ActivationSoftmax.class, layer(mine, output).getActivationFn(), "the user's graph is not changed");
        }
        assertInstanceOf(ActivationReLU.class, layer(withLoss, "hidden").getActivationFn(), "hidden layers stay as they were");
        assertEquals(withLoss, ComputationGraphConfiguration.fromJson(withLoss.toJson()), "the JSON keeps spec and counts");
    }

    @Test
    void anOutputThatIsNotAnOutputLayerIsRefused() {
        ComputationGraphConfiguration denseOut = new NeuralNetConfiguration.Builder().graphBuilder().addInputs("pixels")
                .addLayer("features", new DenseLayer.Builder().nIn(64).nOut(10).build(), "pixels")
                .setOutputs("features").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dl4jNetworks.withLoss(denseOut, "ce", null));
        assertEquals("configuration must end in an output or loss layer to take the loss ce, but its output features is "
                + "DenseLayer", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Dl4jNetworks.withLoss(digitsGraph("digit").build(), "logit-adjusted(tau=1)", null));
        assertTrue(e.getMessage().startsWith("loss spec logit-adjusted(tau=1) needs the training class counts"),
                e.getMessage());
    }

    private static ComputationGraph trained() {
        ComputationGraph graph = new ComputationGraph(
                Dl4jNetworks.withLoss(digitsGraph("digit").build(), "logit-adjusted(tau=1)", DIGITS.classCounts()));
        graph.init();
        graph.fit(new ShuffledBatches(DIGITS, 64, 0), 10);
        return graph;
    }

    @Test
    void predictionsAreTheMostProbableClassAndTheyLearn() {
        ComputationGraph graph = trained();
        Predictions predictions = Dl4jPredictions.of(graph, DIGITS, DIGITS.classCounts());
        INDArray probabilities = Transforms.softmax(graph.outputSingle(false, DIGITS.features().toINDArray()), false);
        assertArrayEquals(probabilities.argMax(1).toIntVector(), predictions.predicted());
        assertArrayEquals(probabilities.max(1).toDoubleVector(), predictions.confidence(), 1e-7);
        double balanced = Dl4jPredictions.metrics(graph, DIGITS, DIGITS.classCounts()).balancedAccuracy();
        assertTrue(balanced > 0.8, "ten epochs learn the training digits: " + balanced);
    }

    @Test
    void aSavedAndRestoredGraphPredictsTheSame(@TempDir Path dir) throws Exception {
        ComputationGraph graph = trained();
        Path file = dir.resolve("digits-graph.zip");
        ModelSerializer.writeModel(graph, file.toFile(), true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file.toFile());
        INDArray features = DIGITS.features().toINDArray();
        assertEquals(graph.outputSingle(false, features), restored.outputSingle(false, features));
        assertArrayEquals(Dl4jPredictions.of(graph, DIGITS, DIGITS.classCounts()).predicted(),
                Dl4jPredictions.of(restored, DIGITS, DIGITS.classCounts()).predicted());
        LossLabLossFunction loss = (LossLabLossFunction) ((OutputLayer) layer(restored.getConfiguration(), "digit")).getLossFn();
        assertEquals(new LossLabLossFunction("logit-adjusted(tau=1)", DIGITS.classCounts()), loss);
    }

    @Test
    void aGraphWithTwoOutputsIsRefusedForPredictions() {
        ComputationGraph twoHeads = new ComputationGraph(digitsGraph("digit", "again").build());
        twoHeads.init();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dl4jPredictions.of(twoHeads, DIGITS, DIGITS.classCounts()));
        assertEquals("graph has inputs [pixels] and outputs [digit, again], but predicting a LabeledData takes one of each",
                e.getMessage());
    }
}
