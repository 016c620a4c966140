package io.losslab.dl4j;

import io.losslab.data.LabeledData;
import io.losslab.data.Predictions;
import io.losslab.eval.ClassificationMetrics;
import io.losslab.loss.Loss;
import io.losslab.loss.LossLabLossFunction;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * What a Deeplearning4j network predicts on a {@link LabeledData}, as LossLab's
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
        if (trainingCounts.length != test.numClasses()) {
            throw new IllegalArgumentException("trainingCounts has " + trainingCounts.length + " entries, but test = "
                    + test.source() + " has " + test.numClasses() + " classes");
        }
        INDArray probabilities = probabilities(network, test);
        if (probabilities.columns() != test.numClasses()) {
            throw new IllegalArgumentException("the network has " + probabilities.columns() + " outputs, but test = "
                    + test.source() + " has " + test.numClasses() + " classes");
        }
        return Predictions.of(test.labels(), probabilities.argMax(1).toIntVector(),
                probabilities.max(1).toDoubleVector(), test.classNames(), trainingCounts);
    }

    /** The metrics of {@link #of}'s predictions. */
    public static ClassificationMetrics metrics(MultiLayerNetwork network, LabeledData test, long[] trainingCounts) {
        return ClassificationMetrics.of(of(network, test, trainingCounts));
    }

    private static INDArray probabilities(MultiLayerNetwork network, LabeledData test) {
        if (test.size() == 0) {
            throw new IllegalArgumentException("test = " + test.source() + " has no examples to predict");
        }
        INDArray output = network.output(test.features().toINDArray(), false);
        Layer last = network.getLayerWiseConfigurations().getConf(network.getnLayers() - 1).getLayer();
        if (!(last instanceof BaseLayer layer && layer.getActivationFn() instanceof ActivationIdentity)) {
            return output;
        }
        boolean sigmoid = last instanceof BaseOutputLayer outputLayer
                && outputLayer.getLossFn() instanceof LossLabLossFunction lossLab
                && lossLab.loss().activation() == Loss.Activation.SIGMOID;
        return sigmoid ? Transforms.sigmoid(output, false) : Transforms.softmax(output, false);
    }
}
