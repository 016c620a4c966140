package io.losslab.train;

import io.losslab.data.Predictions;
import io.losslab.loss.ClassPrior;
import io.losslab.loss.Loss;
import io.losslab.loss.PostHocLogitAdjustment;
import io.losslab.nn.Elementwise;
import io.losslab.nn.Layout;
import io.losslab.nn.Mlp;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * What a trained network predicts: logits, post-hoc adjusted decision scores, probabilities and
 * classes, computed in chunks of rows with the prediction buffers of an {@link Mlp}.
 */
final class Scoring implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The smallest probability whose log the cross-entropy takes. */
    static final double MIN_PROBABILITY = 1e-12;

    /** Rows per forward pass when predicting: large enough to amortise dispatch, small enough to stay in cache. */
    private static final int CHUNK = 1024;

    private final Layout network;
    private final NdTrainer.Activation activation;
    private final INDArray parameters;
    private final Loss.Activation output;
    private final long[] trainingCounts;
    private final double tau;

    Scoring(Layout network, NdTrainer.Activation activation, INDArray parameters, Loss.Activation output,
            long[] trainingCounts, double tau) {
        this.network = network;
        this.activation = activation;
        this.parameters = parameters;
        this.output = output;
        this.trainingCounts = trainingCounts.clone();
        this.tau = tau;
    }

    Scoring withTau(double newTau) {
        return new Scoring(network, activation, parameters, output, trainingCounts, newTau);
    }

    /** The same network with its own copy of the parameters. */
    Scoring copy() {
        return new Scoring(network, activation, parameters.dup(), output, trainingCounts, tau);
    }

    double tau() {
        return tau;
    }

    Layout network() {
        return network;
    }

    NdTrainer.Activation activation() {
        return activation;
    }

    Loss.Activation output() {
        return output;
    }

    /** The raw N×K logits of N×D features. */
    INDArray logits(INDArray features) {
        return forEachChunk(features, network.width(network.layers()), pass -> pass.forward(0, null));
    }

    /**
     * Feeds {@code features} to prediction passes a chunk at a time and gathers what {@code output}
     * computes from each pass, {@code rows × columns}, into one N×{@code columns} matrix.
     */
    private INDArray forEachChunk(INDArray features, int columns, Function<Mlp, INDArray> output) {
        if (features.rank() != 2 || features.columns() != network.width(0)) {
            throw new IllegalArgumentException("features must be N×" + network.width(0) + ", but have shape "
                    + Arrays.toString(features.shape()));
        }
        TrainingData.requireExamples("features (" + features.rows() + "×" + features.columns() + ")", features.rows());
        long n = features.rows();
        INDArray result = Nd4j.create(DataType.FLOAT, n, columns);
        Elementwise elementwise = Backend.current().networkElementwise();
        Mlp full = null;
        for (long start = 0; start < n; start += CHUNK) {
            int rows = (int) Math.min(CHUNK, n - start);
            if (rows == CHUNK && full == null) {
                full = Mlp.forPrediction(network, activation.network(), elementwise, CHUNK, parameters);
            }
            Mlp pass = rows == CHUNK ? full
                    : Mlp.forPrediction(network, activation.network(), elementwise, rows, parameters);
            pass.inputFeatures().assign(features.get(NDArrayIndex.interval(start, start + rows), NDArrayIndex.all()));
            result.get(NDArrayIndex.interval(start, start + rows), NDArrayIndex.all()).assign(output.apply(pass));
        }
        return result;
    }

    /** The logits less {@code τ log π}, whose argmax is the prediction. */
    INDArray decisionScores(INDArray features) {
        INDArray logits = logits(features);
        return tau == 0 ? logits : new PostHocLogitAdjustment(ClassPrior.fromCounts(trainingCounts), tau).adjust(logits);
    }

    /** Softmax (or, for sigmoid losses, per-class sigmoid) of the decision scores. */
    INDArray probabilities(INDArray features) {
        INDArray scores = decisionScores(features);
        return output == Loss.Activation.SOFTMAX ? Transforms.softmax(scores, false) : Transforms.sigmoid(scores, false);
    }

    int[] predictClasses(INDArray features) {
        return decisionScores(features).argMax(1).toIntVector();
    }

    /** What the model predicts for {@code features}, whose true classes are {@code truth}. */
    Predictions predictions(INDArray features, int[] truth, List<String> classNames) {
        return fromProbabilities(probabilities(features), truth, classNames);
    }

    /** The predictions and the cross-entropy of one pass over {@code features}. */
    record Evaluation(Predictions predictions, double crossEntropy) {
    }

    /** What the model predicts for {@code features} against {@code truth}, and the cross-entropy of the same probabilities. */
    Evaluation evaluateWithLoss(INDArray features, int[] truth, List<String> classNames) {
        INDArray probabilities = probabilities(features);
        return new Evaluation(fromProbabilities(probabilities, truth, classNames), crossEntropy(probabilities, truth));
    }

    private Predictions fromProbabilities(INDArray probabilities, int[] truth, List<String> classNames) {
        int[] predicted = probabilities.argMax(1).toIntVector();
        double[] confidence = probabilities.max(1).toDoubleVector();
        return Predictions.of(truth, predicted, confidence, classNames, trainingCounts);
    }

    /**
     * The mean of {@code -log p_y} over the rows, p_y clamped to {@link #MIN_PROBABILITY}: a float
     * softmax rounds a confidently wrong class to exactly 0, and one infinite term would hide the
     * curve of every other example.
     */
    static double crossEntropy(INDArray probabilities, int[] truth) {
        float[][] p = probabilities.toFloatMatrix();
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            sum -= Math.log(Math.max(p[i][truth[i]], MIN_PROBABILITY));
        }
        return sum / truth.length;
    }

    /**
     * The N×d output of the last hidden layer: a cosine head's embedding before normalisation,
     * else the last hidden activations.
     *
     * @throws IllegalStateException for softmax regression, which has no hidden layer
     */
    INDArray embeddings(INDArray features) {
        int layers = network.layers();
        if (layers == 1) {
            throw new IllegalStateException("softmax regression has no hidden layer, so it has no embeddings;"
                    + " train with hiddenSizes(...) to get them");
        }
        return forEachChunk(features, network.width(layers - 1), pass -> {
            pass.forward(0, null);
            return pass.lastHidden().transpose();
        });
    }

    /**
     * The K×d class weight vectors of the last layer: unit length for a cosine head, the raw
     * weight columns (bias left out) for a linear one.
     */
    double[][] classDirections() {
        INDArray columns = network.weights(parameters, network.layers());
        if (network.cosineHead()) {
            columns = Mlp.unitColumns(columns);
        }
        return columns.transpose().toDoubleMatrix();
    }
}
