package io.losslab.dl4j;

import io.losslab.data.LabeledData;
import io.losslab.data.Predictions;
import io.losslab.eval.ClassificationMetrics;
import io.losslab.loss.Loss;
import io.losslab.loss.LossLabLossFunction;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * What a Deeplearning4j network or graph predicts on a {@link LabeledData}, as LossLab's
 * {@link Predictions}, so that {@link ClassificationMetrics} scores it as it scores LossLab's own
 * models: balanced accuracy, many-, medium- and few-shot accuracy, calibration.
 *
 * <pre>{@code
 * ClassificationMetrics metrics = Dl4jPredictions.metrics(network, test, train.classCounts());
 * }</pre>
 *
 * <p>An output layer with no activation gives logits, which become probabilities as its LossLab
 * loss makes them (a softmax, or a sigmoid per class for sigmoid losses), or with a softmax under
 * any other loss; an output layer with an activation is taken to give probabilities already. The predicted class is the most probable one, its probability the
 * confidence.
 */
public final class Dl4jPredictions {

    private Dl4jPredictions() {
    }

    /**
     * The predictions of {@code network} on {@code test}, with the class counts of its training
     * data for the shot groups.
     *
     * @throws IllegalArgumentException if the network's outputs, the test classes and the training
     *     counts differ in number, or the test set is empty
     */
    public static Predictions of(MultiLayerNetwork network, LabeledData test, long[] trainingCounts) {
        requireExamplesAndCounts(test, trainingCounts);
        INDArray output = network.output(test.features().toINDArray(), false);
        Layer last = network.getLayerWiseConfigurations().getConf(network.getnLayers() - 1).getLayer();
        return predictions(probabilities(output, last), test, trainingCounts);
    }

    /**
     * The predictions of a graph with one input and one output on {@code test}, with the class
     * counts of its training data for the shot groups.
     *
     * @throws IllegalArgumentException if the graph has more than one input or output, its outputs,
     *     the test classes and the training counts differ in number, or the test set is empty
     */
    public static Predictions of(ComputationGraph graph, LabeledData test, long[] trainingCounts) {
        ComputationGraphConfiguration configuration = graph.getConfiguration();
        if (configuration.getNetworkInputs().size() != 1 || configuration.getNetworkOutputs().size() != 1) {
            throw new IllegalArgumentException("graph has inputs " + configuration.getNetworkInputs() + " and outputs "
                    + configuration.getNetworkOutputs() + ", but predicting a LabeledData takes one of each");
        }
        requireExamplesAndCounts(test, trainingCounts);
        INDArray output = graph.outputSingle(false, test.features().toINDArray());
        GraphVertex vertex = configuration.getVertices().get(configuration.getNetworkOutputs().get(0));
        Layer last = vertex instanceof LayerVertex layerVertex ? layerVertex.getLayerConf().getLayer() : null;
        return predictions(probabilities(output, last), test, trainingCounts);
    }

    /** The metrics of {@link #of(MultiLayerNetwork, LabeledData, long[])}'s predictions. */
    public static ClassificationMetrics metrics(MultiLayerNetwork network, LabeledData test, long[] trainingCounts) {
        return ClassificationMetrics.of(of(network, test, trainingCounts));
    }

    /** The metrics of {@link #of(ComputationGraph, LabeledData, long[])}'s predictions. */
    public static ClassificationMetrics metrics(ComputationGraph graph, LabeledData test, long[] trainingCounts) {
        return ClassificationMetrics.of(of(graph, test, trainingCounts));
    }

    private static void requireExamplesAndCounts(LabeledData test, long[] trainingCounts) {
        if (trainingCounts.length != test.numClasses()) {
            throw new IllegalArgumentException("trainingCounts has " + trainingCounts.length + " entries, but test = "
                    + test.source() + " has " + test.numClasses() + " classes");
        }
        if (test.size() == 0) {
            throw new IllegalArgumentException("test = " + test.source() + " has no examples to predict");
        }
    }

    /** The most probable class of each example and its probability. */
    private static Predictions predictions(INDArray probabilities, LabeledData test, long[] trainingCounts) {
        if (probabilities.columns() != test.numClasses()) {
            throw new IllegalArgumentException("the network has " + probabilities.columns() + " outputs, but test = "
                    + test.source() + " has " + test.numClasses() + " classes");
        }
        return Predictions.of(test.labels(), probabilities.argMax(1).toIntVector(),
                probabilities.max(1).toDoubleVector(), test.classNames(), trainingCounts);
    }

    /** The output of {@code last} as probabilities; a layer that is not the identity gives them already. */
    private static INDArray probabilities(INDArray output, Layer last) {
        if (!(last instanceof BaseLayer layer && layer.getActivationFn() instanceof ActivationIdentity)) {
            return output;
        }
        boolean sigmoid = last instanceof BaseOutputLayer outputLayer
                && outputLayer.getLossFn() instanceof LossLabLossFunction lossLab
                && lossLab.loss().activation() == Loss.Activation.SIGMOID;
        return sigmoid ? Transforms.sigmoid(output, false) : Transforms.softmax(output, false);
    }
}
