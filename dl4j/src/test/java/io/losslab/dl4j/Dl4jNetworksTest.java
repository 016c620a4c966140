package io.losslab.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.losslab.data.BundledData;
import io.losslab.data.LabeledData;
import io.losslab.loss.LossLabLossFunction;
import io.losslab.nn.Layout;
import io.losslab.train.NdTrainer;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationGELU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class Dl4jNetworksTest {

    private static final LabeledData IRIS = BundledData.iris();

    private static BaseLayer layer(MultiLayerConfiguration configuration, int index) {
        return (BaseLayer) configuration.getConf(index).getLayer();
    }

    @Test
    void theNetworkHasTheTrainersLayersActivationDropoutOptimiserAndDecay() {
        NdTrainer trainer = NdTrainer.builder().hiddenSizes(8, 5).activation(NdTrainer.Activation.GELU).dropout(0.25)
                .adam(2e-3).weightDecay(1e-4).build();
        MultiLayerConfiguration configuration = Dl4jNetworks.configuration(trainer, IRIS);

        assertEquals(3, configuration.getConfs().size());
        int[][] inOut = {{4, 8}, {8, 5}, {5, 3}};
        for (int l = 0; l < 3; l++) {
            FeedForwardLayer layer = (FeedForwardLayer) layer(configuration, l);
            assertArrayEquals(inOut[l], new int[] {(int) layer.getNIn(), (int) layer.getNOut()}, "layer " + l);
            Adam adam = assertInstanceOf(Adam.class, layer.getIUpdater());
            assertEquals(2e-3, adam.getLearningRate());
            assertEquals(1e-4, l2Coefficient(layer.getRegularization()), "weights of layer " + l);
            assertEquals(1e-4, l2Coefficient(layer.getRegularizationBias()), "bias of layer " + l);
        }
        for (int l = 0; l < 2; l++) {
            ActivationGELU gelu = assertInstanceOf(ActivationGELU.class, layer(configuration, l).getActivationFn());
            assertTrue(!gelu.isPrecise(), "LossLab's GELU is the sigmoid form");
        }
        assertNull(layer(configuration, 0).getIDropout(), "the features are not dropped");
        assertEquals(0.75, ((Dropout) layer(configuration, 1).getIDropout()).getP(), "the first hidden layer's output");
        assertEquals(0.75, ((Dropout) layer(configuration, 2).getIDropout()).getP(), "the last hidden layer's output");
    }

    private static double l2Coefficient(java.util.List<Regularization> regularizations) {
        assertEquals(1, regularizations.size());
        return ((L2Regularization) regularizations.get(0)).getL2().valueAt(0, 0);
    }

    @Test
    void sgdKeepsItsRateAndTakesNesterovMomentum() {
        MultiLayerConfiguration plain = Dl4jNetworks.configuration(NdTrainer.builder().sgd(0.1, 0).build(), IRIS);
        assertEquals(0.1, assertInstanceOf(Sgd.class, layer(plain, 0).getIUpdater()).getLearningRate());
        MultiLayerConfiguration momentum = Dl4jNetworks.configuration(NdTrainer.builder().sgd(0.1, 0.9).build(), IRIS);
        Nesterovs nesterovs = assertInstanceOf(Nesterovs.class, layer(momentum, 0).getIUpdater());
        assertEquals(0.1, nesterovs.getLearningRate());
        assertEquals(0.9, nesterovs.getMomentum());
    }

    @Test
    void parametersStartAsTheTrainersFirstCallDrawsThem() {
        NdTrainer trainer = NdTrainer.builder().hiddenSizes(6).seed(7).build();
        MultiLayerNetwork network = Dl4jNetworks.fromTrainer(trainer, IRIS);
        // The first call's generator is the seed's; the weights come from its first split.
        float[] expected = new Layout(new int[] {4, 6, 3}, false).initialParameters(new SplittableRandom(7).split());
        // LossLab stores each layer as its weight rows then the bias row.
        float[] actual = new float[expected.length];
        int at = 0;
        for (int l = 0; l < 2; l++) {
            for (float w : flatten(network.getLayer(l).getParam("W").toFloatMatrix())) {
                actual[at++] = w;
            }
            for (float b : network.getLayer(l).getParam("b").toFloatVector()) {
                actual[at++] = b;
            }
        }
        assertArrayEquals(expected, actual);
        for (int l = 0; l < 2; l++) {
            double bound = 1 / Math.sqrt(l == 0 ? 4 : 6);
            assertTrue(network.getLayer(l).params().amaxNumber().doubleValue() <= bound, "layer " + l);
        }
    }

    private static float[] flatten(float[][] rows) {
        float[] flat = new float[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * rows[0].length, rows[0].length);
        }
        return flat;
    }

    @Test
    void settingsOfLossLabsLoopAreRefusedByName() {
        assertRefused("head = COSINE", NdTrainer.builder().hiddenSizes(4).head(NdTrainer.Head.COSINE));
        assertRefused("sampling = CLASS_BALANCED", NdTrainer.builder().sampling(NdTrainer.Sampling.CLASS_BALANCED));
        assertRefused("mixupAlpha = 0.2", NdTrainer.builder().mixup(0.2));
        assertRefused("postHocTau = 1.0", NdTrainer.builder().postHocTau(1));
    }

    private static void assertRefused(String start, NdTrainer.Builder builder) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dl4jNetworks.configuration(builder.build(), IRIS));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }

    @Test
    void theUsersOwnConfigurationGetsTheLossOnItsOutputLayer() {
        MultiLayerConfiguration mine = new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(7).activation(new ActivationReLU()).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(7).nOut(3)
                        .activation(new ActivationReLU()).build())
                .build();
        MultiLayerConfiguration withLoss = Dl4jNetworks.withLoss(mine, "logit-adjusted(tau=1)", IRIS.classCounts());
        OutputLayer output = (OutputLayer) withLoss.getConf(1).getLayer();
        LossLabLossFunction loss = assertInstanceOf(LossLabLossFunction.class, output.getLossFn());
        assertEquals("logit-adjusted(tau=1)", loss.spec());
        assertArrayEquals(IRIS.classCounts(), loss.classCounts());
        assertInstanceOf(ActivationIdentity.class, output.getActivationFn());
        assertInstanceOf(ActivationReLU.class, layer(withLoss, 0).getActivationFn(), "hidden layers stay as they were");
        assertInstanceOf(ActivationReLU.class, layer(mine, 1).getActivationFn(), "the user's configuration is not changed");
    }

    @Test
    void theJsonConfigurationKeepsTheSpecAndTheCounts() {
        NdTrainer trainer = NdTrainer.builder().loss("logit-adjusted(tau=1)").hiddenSizes(5).build();
        MultiLayerConfiguration configuration = Dl4jNetworks.configuration(trainer, IRIS);
        MultiLayerConfiguration restored = MultiLayerConfiguration.fromJson(configuration.toJson());
        LossLabLossFunction loss = (LossLabLossFunction) ((OutputLayer) restored.getConf(1).getLayer()).getLossFn();
        assertEquals("logit-adjusted(tau=1)", loss.spec());
        assertArrayEquals(IRIS.classCounts(), loss.classCounts());
        assertEquals(configuration, restored);
    }

    @Test
    void aSpecThatNeedsCountsWithoutThemIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dl4jNetworks.withLoss(Dl4jNetworks.configuration(NdTrainer.builder().build(), IRIS),
                        "logit-adjusted(tau=1)", null));
        assertTrue(e.getMessage().startsWith("loss spec logit-adjusted(tau=1) needs the training class counts"),
                e.getMessage());
    }

    @Test
    void aConfigurationWithoutAnOutputLayerIsRefused() {
        MultiLayerConfiguration noOutput = new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(3).build()).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dl4jNetworks.withLoss(noOutput, "ce", null));
        assertEquals("configuration must end in an output or loss layer to take the loss ce, but its last layer is DenseLayer",
                e.getMessage());
    }
}
