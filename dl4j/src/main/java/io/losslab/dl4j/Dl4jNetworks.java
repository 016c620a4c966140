package io.losslab.dl4j;

import io.losslab.data.LabeledData;
import io.losslab.loss.LossLabLossFunction;
import io.losslab.nn.Layout;
import io.losslab.train.CallStreams;
import io.losslab.train.NdTrainer;
import io.losslab.train.RunSettings;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationGELU;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * Deeplearning4j networks that train with a LossLab loss: the network an {@link NdTrainer}
 * describes, built as a {@link MultiLayerNetwork}, or the user's own network or graph
 * configuration with LossLab's loss put on its output layer(s).
 *
 * <pre>{@code
 * NdTrainer trainer = NdTrainer.builder().loss("logit-adjusted(tau=1)").hiddenSizes(256, 256).epochs(20).build();
 * MultiLayerNetwork network = Dl4jNetworks.fromTrainer(trainer, train);
 * MultiLayerConfiguration mine = Dl4jNetworks.withLoss(myConfiguration, "focal(gamma=2)", train.classCounts());
 * }</pre>
 *
 * <p>The network built from a trainer has the trainer's layers (dense hidden layers with its
 * activation, then a dense output layer with no activation, since LossLab's losses take logits),
 * its dropout on every hidden layer's output, its optimiser and its L2 weight decay, on weights
 * and biases alike. Its parameters start as LossLab's own draw, weights and biases uniform in
 * {@code ±1/√fan_in} from the trainer's seed; the configuration records the weights' distribution
 * (Deeplearning4j draws biases only as a constant). Two things differ from LossLab's loop:
 * Deeplearning4j has no heavy-ball momentum, so SGD with momentum becomes Nesterov's momentum
 * ({@link Nesterovs}) with the same μ, and dropout masks come from ND4J's generator.
 */
public final class Dl4jNetworks {

    private Dl4jNetworks() {
    }

    /**
     * The network {@code trainer} trains, for the features and classes of {@code train} (the
     * loss bound to its class counts), initialised and ready to fit.
     *
     * @throws IllegalArgumentException naming a trainer setting that has no Deeplearning4j
     *     counterpart here (a cosine head, a sampling other than instance sampling, mixup,
     *     annealing, post-hoc adjustment), or a loss that does not fit the data
     */
    public static MultiLayerNetwork fromTrainer(NdTrainer trainer, LabeledData train) {
        MultiLayerNetwork network = new MultiLayerNetwork(configuration(trainer, train));
        network.init();
        startFromLossLabDraw(network, layerSizes(trainer.settings(), train), trainer.seed());
        return network;
    }

    /**
     * The configuration of {@link #fromTrainer}'s network, before any parameter is drawn.
     *
     * @throws IllegalArgumentException as {@link #fromTrainer} does
     */
    public static MultiLayerConfiguration configuration(NdTrainer trainer, LabeledData train) {
        RunSettings settings = trainer.settings();
        refuseLoopOnlySettings(settings);
        int[] sizes = layerSizes(settings, train);
        int layers = sizes.length - 1;
        NeuralNetConfiguration.Builder shared = new NeuralNetConfiguration.Builder()
                .seed(trainer.seed())
                .dataType(DataType.FLOAT)
                .updater(updater(settings));
        if (settings.weightDecay() > 0) {
            shared.l2(settings.weightDecay()).l2Bias(settings.weightDecay());
        }
        NeuralNetConfiguration.ListBuilder list = shared.list();
        for (int l = 1; l < layers; l++) {
            DenseLayer.Builder hidden = new DenseLayer.Builder().nIn(sizes[l - 1]).nOut(sizes[l])
                    .activation(activation(settings.activation())).weightInit(uniformFanIn(sizes[l - 1]));
            list.layer(withInputDropout(hidden, settings.dropout(), l).build());
        }
        OutputLayer.Builder output = new OutputLayer.Builder().nIn(sizes[layers - 1]).nOut(sizes[layers])
                .weightInit(uniformFanIn(sizes[layers - 1]));
        list.layer(withInputDropout(output, settings.dropout(), layers).build());
        return withLoss(list.build(), settings.loss(), train.classCounts());
    }

    /**
     * A copy of {@code configuration} whose output layer trains with the LossLab loss
     * {@code spec} (a {@link LossLabLossFunction}), bound to {@code classCounts} if the loss uses
     * them (null for none). The layer's activation becomes the identity: LossLab's losses take
     * logits and turn them into probabilities themselves.
     *
     * @throws IllegalArgumentException for a bad spec, a spec that needs class counts given none,
     *     or a last layer that is not an output or loss layer
     */
    public static MultiLayerConfiguration withLoss(MultiLayerConfiguration configuration, String spec,
            long[] classCounts) {
        MultiLayerConfiguration copy = configuration.clone();
        int last = copy.getConfs().size() - 1;
        setLoss(last < 0 ? null : copy.getConf(last).getLayer(), "its last layer", spec, classCounts);
        return copy;
    }

    /**
     * A copy of the graph {@code configuration} whose every output layer trains with the LossLab
     * loss {@code spec}, as {@link #withLoss(MultiLayerConfiguration, String, long[])} sets it.
     *
     * <pre>{@code
     * ComputationGraphConfiguration mine = Dl4jNetworks.withLoss(myGraph, "focal(gamma=2)", null);
     * }</pre>
     *
     * @throws IllegalArgumentException for a bad spec, a spec that needs class counts given none,
     *     or a graph output that is not an output or loss layer
     */
    public static ComputationGraphConfiguration withLoss(ComputationGraphConfiguration configuration, String spec,
            long[] classCounts) {
        ComputationGraphConfiguration copy = configuration.clone();
        for (String output : copy.getNetworkOutputs()) {
            GraphVertex vertex = copy.getVertices().get(output);
            Layer layer = vertex instanceof LayerVertex layerVertex ? layerVertex.getLayerConf().getLayer() : null;
            String what = "its output " + output;
            if (layer == null) {
                throw new IllegalArgumentException("configuration must end in an output or loss layer to take the loss "
                        + spec + ", but " + what + " is " + (vertex == null ? "missing" : vertex.getClass().getSimpleName()));
            }
            setLoss(layer, what, spec, classCounts);
        }
        return copy;
    }

    /**
     * Puts the loss on {@code layer}, which must be an output or loss layer, and makes its
     * activation the identity: LossLab's losses take logits and turn them into probabilities
     * themselves.
     *
     * @param what the layer, as the refusal names it
     */
    private static void setLoss(Layer layer, String what, String spec, long[] classCounts) {
        LossLabLossFunction loss = new LossLabLossFunction(spec, classCounts);
        if (layer instanceof BaseOutputLayer outputLayer) {
            outputLayer.setLossFn(loss);
        } else if (layer instanceof LossLayer lossLayer) {
            lossLayer.setLossFn(loss);
        } else {
            throw new IllegalArgumentException("configuration must end in an output or loss layer to take the loss "
                    + spec + ", but " + what + " is " + (layer == null ? "missing" : layer.getClass().getSimpleName()));
        }
        ((BaseLayer) layer).setActivationFn(new ActivationIdentity());
    }

    /** Inputs, hidden widths, classes. */
    private static int[] layerSizes(RunSettings settings, LabeledData train) {
        return Layout.of(train.numFeatures(), settings.hiddenSizes(), train.numClasses(), false).sizes();
    }

    /** Refuses the settings that live in LossLab's own training loop or model rather than in the network. */
    private static void refuseLoopOnlySettings(RunSettings settings) {
        if (settings.head() != NdTrainer.Head.LINEAR) {
            throw new IllegalArgumentException("head = " + settings.head()
                    + " has no Deeplearning4j layer here; build from a trainer with the LINEAR head");
        }
        if (settings.sampling() != NdTrainer.Sampling.INSTANCE) {
            throw new IllegalArgumentException("sampling = " + settings.sampling()
                    + " belongs to LossLab's training loop; Dl4jTraining visits every example once per epoch (INSTANCE)");
        }
        if (settings.mixupAlpha() != 0) {
            throw new IllegalArgumentException("mixupAlpha = " + settings.mixupAlpha()
                    + " belongs to LossLab's training loop; build from a trainer without mixup");
        }
        if (settings.sigmaAnneal() != 1) {
            throw new IllegalArgumentException("sigmaAnneal = " + settings.sigmaAnneal()
                    + " belongs to LossLab's training loop; build from a trainer that keeps σ (sigmaAnneal 1)");
        }
        if (settings.postHocTau() != 0) {
            throw new IllegalArgumentException("postHocTau = " + settings.postHocTau()
                    + " adjusts LossLab's model at prediction time; build from a trainer with postHocTau 0");
        }
    }

    private static IUpdater updater(RunSettings settings) {
        return switch (settings.optimiser()) {
            case ADAM -> new Adam(settings.learningRate());
            case SGD -> settings.momentum() > 0 ? new Nesterovs(settings.learningRate(), settings.momentum())
                    : new Sgd(settings.learningRate());
        };
    }

    /** The hidden activation; GELU in the sigmoid form {@code x·σ(1.702x)} that LossLab computes. */
    private static IActivation activation(NdTrainer.Activation activation) {
        return switch (activation) {
            case RELU -> new ActivationReLU();
            case GELU -> new ActivationGELU(false);
        };
    }

    /** PyTorch's {@code nn.Linear} weights, as LossLab draws them. */
    private static UniformDistribution uniformFanIn(int fanIn) {
        double bound = 1 / Math.sqrt(fanIn);
        return new UniformDistribution(-bound, bound);
    }

    /**
     * Deeplearning4j drops a layer's inputs, LossLab each hidden layer's outputs: the same units,
     * so every layer after the first drops its input; the first layer's input is the features,
     * which LossLab keeps. Deeplearning4j takes the probability of keeping a unit.
     */
    private static <B extends Layer.Builder<B>> B withInputDropout(B layer, double dropout, int l) {
        if (dropout > 0 && l > 1) {
            layer.dropOut(1 - dropout);
        }
        return layer;
    }

    /** Overwrites every weight and bias with the initial draw of the trainer's first call for {@code sizes} and {@code seed}. */
    private static void startFromLossLabDraw(MultiLayerNetwork network, int[] sizes, long seed) {
        Layout layout = new Layout(sizes, false);
        INDArray flat = Nd4j.createFromArray(layout.initialParameters(CallStreams.firstCall(seed).parameters()));
        for (int l = 1; l < sizes.length; l++) {
            INDArray matrix = layout.matrix(flat, l);
            org.deeplearning4j.nn.api.Layer layer = network.getLayer(l - 1);
            layer.setParam(DefaultParamInitializer.WEIGHT_KEY,
                    matrix.get(NDArrayIndex.interval(0, sizes[l - 1]), NDArrayIndex.all()));
            layer.setParam(DefaultParamInitializer.BIAS_KEY,
                    matrix.get(NDArrayIndex.interval(sizes[l - 1], sizes[l - 1] + 1), NDArrayIndex.all()));
        }
    }
}
