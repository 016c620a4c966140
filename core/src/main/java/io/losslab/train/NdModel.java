package io.losslab.train;

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.DoubleProvenance;
import com.oracle.labs.mlrg.olcut.util.Pair;
import io.losslab.data.LabeledData;
import io.losslab.data.Predictions;
import io.losslab.loss.Loss;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tribuo.Example;
import org.tribuo.Excuse;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.provenance.ModelProvenance;

/**
 * A classifier trained by {@link NdTrainer}: a Tribuo {@link Model} (predictions, provenance,
 * Tribuo's evaluators) that also predicts whole ND4J matrices at once, with post-hoc logit
 * adjustment applied when τ > 0, and that remembers how its training went.
 *
 * <pre>{@code
 * NdModel model = trainer.train(splits.train());
 * ClassificationMetrics m = ClassificationMetrics.of(model.predictions(splits.test()));
 * NdModel adjusted = model.withPostHocTau(1.0);      // argmax_k s_k - τ log π_k
 * }</pre>
 *
 * <p>Features are matrices whose columns are the model's {@link #featureNames()}; classes are
 * indices into {@link #classNames()}.
 */
public final class NdModel extends Model<Label> {

    private static final long serialVersionUID = 1L;

    private final Scoring scoring;
    private final String lossSpec;
    private final List<String> classNames;
    private final List<String> featureNames;
    private final long[] trainingCounts;
    /** The matrix column of each Tribuo feature id. */
    private final int[] columnOfFeatureId;
    private final TrainingHistory history;

    NdModel(ModelProvenance provenance, TrainingData data, Scoring scoring, String lossSpec, TrainingHistory history) {
        this("losslab-nd4j-model", provenance, data.featureMap(), data.outputInfo(), scoring, lossSpec, data.classNames(),
                data.featureNames(), data.counts(), history);
    }

    private NdModel(String name, ModelProvenance provenance, ImmutableFeatureMap featureMap,
            ImmutableOutputInfo<Label> outputInfo, Scoring scoring, String lossSpec, List<String> classNames,
            List<String> featureNames, long[] trainingCounts, TrainingHistory history) {
        super(name, provenance, featureMap, outputInfo, scoring.output() == Loss.Activation.SOFTMAX);
        this.scoring = scoring;
        this.lossSpec = lossSpec;
        this.classNames = List.copyOf(classNames);
        this.featureNames = List.copyOf(featureNames);
        this.trainingCounts = trainingCounts.clone();
        this.history = history;
        this.columnOfFeatureId = DenseRows.columnsOfFeatureIds(featureMap, featureNames);
    }

    /** The N×K logits of N×D features, before any post-hoc adjustment. */
    public INDArray logits(INDArray features) {
        return scoring.logits(features);
    }

    /** The scores predictions maximise: the logits less {@code τ log π} (the logits when τ = 0). */
    public INDArray decisionScores(INDArray features) {
        return scoring.decisionScores(features);
    }

    /** The class probabilities, N×K: softmax of the decision scores (per-class sigmoid for sigmoid losses). */
    public INDArray probabilities(INDArray features) {
        return scoring.probabilities(features);
    }

    /** The predicted class index of each row. */
    public int[] predictClasses(INDArray features) {
        return scoring.predictClasses(features);
    }

    /**
     * The N×d output of the last hidden layer for N×D features: with a cosine head the embedding
     * before it is normalised, else the last hidden activations. With two units in that layer
     * it is a picture of what the network learned.
     *
     * <pre>{@code
     * NdModel model = NdTrainer.builder().loss("am-softmax(scale=16, margin=0.35)").hiddenSizes(64, 2)
     *         .head(NdTrainer.Head.COSINE).build().train(train);
     * double[][] points = model.embeddings(model.inputs(test)).toDoubleMatrix();
     * Plots.embedding("AM-Softmax", points, test.labels(), model.classNames(), model.classDirections());
     * }</pre>
     *
     * @throws IllegalStateException for softmax regression, which has no hidden layer
     * @throws IllegalArgumentException if the features do not have the model's columns
     */
    public INDArray embeddings(INDArray features) {
        return scoring.embeddings(features);
    }

    /**
     * The weight vector of each class in the last layer, K×d: unit length with a cosine head (the
     * directions its cosines are measured against), the raw weight columns without the bias with
     * a linear head.
     *
     * <pre>{@code
     * double[][] directions = model.classDirections();   // directions[k] points towards class k
     * }</pre>
     */
    public double[][] classDirections() {
        return scoring.classDirections();
    }

    /** The output layer the model was trained with. */
    public NdTrainer.Head head() {
        return scoring.network().cosineHead() ? NdTrainer.Head.COSINE : NdTrainer.Head.LINEAR;
    }

    /**
     * A dataset's features as this model's input matrix, its columns put in the model's order.
     *
     * @throws IllegalArgumentException if the dataset lacks a feature of the model
     */
    public INDArray inputs(LabeledData data) {
        if (data.featureNames().equals(featureNames)) {
            return data.features().toINDArray();
        }
        Map<String, Integer> columnOf = new HashMap<>();
        for (int j = 0; j < data.numFeatures(); j++) {
            columnOf.put(data.featureNames().get(j), j);
        }
        float[] values = new float[Math.multiplyExact(data.size(), featureNames.size())];
        for (int j = 0; j < featureNames.size(); j++) {
            Integer source = columnOf.get(featureNames.get(j));
            if (source == null) {
                throw new IllegalArgumentException(data.source() + " has no feature '" + featureNames.get(j)
                        + "', which the model takes");
            }
            for (int i = 0; i < data.size(); i++) {
                values[i * featureNames.size() + j] = data.features().get(i, source);
            }
        }
        return Nd4j.create(values, new long[] {data.size(), featureNames.size()}, DataType.FLOAT);
    }

    /**
     * What the model predicts for each example of a labelled dataset with the model's classes, in
     * any order, beside its true class; the predictions number the classes in the model's order.
     * {@code ClassificationMetrics.of(predictions)} computes the metrics.
     *
     * @throws IllegalArgumentException if it is empty or its classes differ from the model's
     */
    public Predictions predictions(LabeledData test) {
        TrainingData.requireExamples("test = " + test.source(), test.size());
        if (!Set.copyOf(test.classNames()).equals(Set.copyOf(classNames))) {
            throw new IllegalArgumentException("test must have the model's classes " + classNames + ", but has "
                    + test.classNames());
        }
        int[] truth = test.labels();
        for (int i = 0; i < truth.length; i++) {
            truth[i] = classNames.indexOf(test.classNames().get(truth[i]));
        }
        return scoring.predictions(inputs(test), truth, classNames);
    }

    /**
     * This model predicting with post-hoc logit adjustment {@code argmax_k s_k - τ log π_k}
     * (Menon et al. 2021), π the training prior; the parameters are shared.
     *
     * @throws IllegalArgumentException if τ is negative or not finite
     */
    public NdModel withPostHocTau(double tau) {
        if (!(tau >= 0) || Double.isInfinite(tau)) {
            throw new IllegalArgumentException("tau must be a finite number >= 0, but is " + tau);
        }
        return new NdModel(name, withInstanceValue(provenance, "post-hoc-tau", new DoubleProvenance("post-hoc-tau", tau)),
                featureIDMap, outputIDInfo, scoring.withTau(tau), lossSpec, classNames, featureNames, trainingCounts,
                history);
    }

    private static ModelProvenance withInstanceValue(ModelProvenance provenance, String key, Provenance value) {
        Map<String, Provenance> instance = new LinkedHashMap<>();
        for (Pair<String, ? extends Provenance> entry : provenance.getInstanceProvenance()) {
            instance.put(entry.getA(), entry.getB());
        }
        instance.put(key, value);
        return new ModelProvenance(provenance.getClassName(), provenance.getTrainingTime(),
                provenance.getDatasetProvenance(), provenance.getTrainerProvenance(), instance);
    }

    /** The post-hoc adjustment τ; 0 when predictions use the raw logits. */
    public double postHocTau() {
        return scoring.tau();
    }

    /** The spec of the loss it was trained with, as bound to the training counts. */
    public String lossSpec() {
        return lossSpec;
    }

    /** The class names, by class index. */
    public List<String> classNames() {
        return classNames;
    }

    /** The feature names, by input column. */
    public List<String> featureNames() {
        return featureNames;
    }

    /** Training examples per class: the prior of the post-hoc adjustment and the shot groups. */
    public long[] trainingCounts() {
        return trainingCounts.clone();
    }

    /** The layer widths: inputs, hidden layers, classes. */
    public int[] layerSizes() {
        return scoring.network().sizes();
    }

    /**
     * The mean batch loss of each completed epoch, of the loss being trained: for
     * {@code flooding(...)} the flooded value {@code |L - b| + b}, never below b.
     */
    public double[] epochLosses() {
        return history.epochLosses().clone();
    }

    /** The validation balanced accuracy after each completed epoch; NaN without a validation set. */
    public double[] validationBalancedAccuracy() {
        return history.validationBalancedAccuracy().clone();
    }

    /**
     * The validation cross-entropy after each completed epoch, the mean of {@code -log p_y} with
     * the model's own probabilities (see {@link EpochProgress#validationLoss()}); NaN without a
     * validation set.
     *
     * <pre>{@code
     * NdModel model = trainer.train(train, validation, TrainingListener.NONE);
     * Plots.curves("Loss", "epoch", "loss", Map.of("training", model.epochLosses(), "validation", model.validationLosses()));
     * }</pre>
     */
    public double[] validationLosses() {
        return history.validationLosses().clone();
    }

    /** The number of epochs completed. */
    public int epochsCompleted() {
        return history.epochLosses().length;
    }

    /** The number of batches trained. */
    public long batchesTrained() {
        return history.batches();
    }

    /** Whether training was interrupted before its last epoch ended. */
    public boolean interrupted() {
        return history.interrupted();
    }

    /** Wall-clock seconds the training took, validation included. */
    public double trainingSeconds() {
        return history.seconds();
    }

    @Override
    public Prediction<Label> predict(Example<Label> example) {
        return predictAll(List.of(example)).get(0);
    }

    /** Predicts all examples in one pass through the network rather than one at a time. */
    @Override
    protected List<Prediction<Label>> innerPredict(Iterable<Example<Label>> examples) {
        List<Example<Label>> list = new ArrayList<>();
        examples.forEach(list::add);
        return predictAll(list);
    }

    private List<Prediction<Label>> predictAll(List<Example<Label>> examples) {
        DenseRows rows = DenseRows.of(examples, featureIDMap, columnOfFeatureId).requireFeatures(examples);
        float[][] probabilities = scoring.probabilities(rows.features()).toFloatMatrix();
        List<Prediction<Label>> predictions = new ArrayList<>(examples.size());
        for (int i = 0; i < examples.size(); i++) {
            predictions.add(prediction(probabilities[i], rows.used()[i], examples.get(i)));
        }
        return predictions;
    }

    private Prediction<Label> prediction(float[] probabilities, int used, Example<Label> example) {
        Map<String, Label> scores = new LinkedHashMap<>();
        int best = 0;
        for (int k = 0; k < probabilities.length; k++) {
            scores.put(classNames.get(k), new Label(classNames.get(k), probabilities[k]));
            best = probabilities[k] > probabilities[best] ? k : best;
        }
        return new Prediction<>(scores.get(classNames.get(best)), scores, used, example, generatesProbabilities);
    }

    /** Not available: an MLP's inputs have no single ranking per class. */
    @Override
    public Map<String, List<Pair<String, Double>>> getTopFeatures(int n) {
        return Map.of();
    }

    /** Not available: the model gives no per-example explanations. */
    @Override
    public Optional<Excuse<Label>> getExcuse(Example<Label> example) {
        return Optional.empty();
    }

    @Override
    protected NdModel copy(String newName, ModelProvenance newProvenance) {
        return new NdModel(newName, newProvenance, featureIDMap, outputIDInfo, scoring.copy(), lossSpec, classNames,
                featureNames, trainingCounts, history);
    }

    /** The model in one line: loss, layers and head, post-hoc τ and how training ended. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "NdModel(%s, layers %s%s, %d epochs%s, %.1f s)", lossSpec,
                scoring.network(), postHocTau() > 0 ? ", post-hoc τ " + postHocTau() : "", epochsCompleted(),
                interrupted() ? ", interrupted" : "", trainingSeconds());
    }
}
