package io.losslab.train;

import com.oracle.labs.mlrg.olcut.util.Pair;
import io.losslab.data.MultiLabelData;
import io.losslab.data.MultiLabelPredictions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tribuo.Example;
import org.tribuo.Excuse;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.multilabel.MultiLabel;
import org.tribuo.provenance.ModelProvenance;

/**
 * A multi-label classifier trained by {@link MultiLabelTrainer}: a Tribuo {@link Model} (so
 * Tribuo's {@code MultiLabelEvaluator} accepts it) that predicts label l wherever its logit is
 * positive, {@code σ(s_l) > 1/2}, with no threshold tuned on any data.
 *
 * <pre>{@code
 * MultiLabelModel model = MultiLabelTrainer.builder().loss("zlpr").epochs(20).build().train(train);
 * System.out.println(MultiLabelMetrics.of(model.predictions(test)));
 * }</pre>
 *
 * <p>Features are matrices whose columns are the model's {@link #featureNames()}; logits are
 * N×L, column l the label {@code labelNames().get(l)}. Tribuo predictions score every label with
 * {@code σ(s_l)}; only a loss like {@code sigmoid-ce} makes those probabilities, so the model does
 * not claim to generate them.
 */
public final class MultiLabelModel extends Model<MultiLabel> {

    private static final long serialVersionUID = 1L;

    private final Scoring scoring;
    private final String lossSpec;
    private final List<String> labelNames;
    private final List<String> featureNames;
    /** The matrix column of each Tribuo feature id. */
    private final int[] columnOfFeatureId;
    private final TrainingHistory history;

    MultiLabelModel(ModelProvenance provenance, MultiLabelSupervision data, TrainingRun.Result trained) {
        this("losslab-nd4j-multi-label-model", provenance, data.featureMap(), data.outputInfo(), trained.scoring(),
                trained.lossSpec(), data.labelNames(), data.featureNames(), trained.history());
    }

    private MultiLabelModel(String name, ModelProvenance provenance, ImmutableFeatureMap featureMap,
            ImmutableOutputInfo<MultiLabel> outputInfo, Scoring scoring, String lossSpec, List<String> labelNames,
            List<String> featureNames, TrainingHistory history) {
        super(name, provenance, featureMap, outputInfo, false);
        this.scoring = scoring;
        this.lossSpec = lossSpec;
        this.labelNames = List.copyOf(labelNames);
        this.featureNames = List.copyOf(featureNames);
        this.history = history;
        this.columnOfFeatureId = DenseRows.columnsOfFeatureIds(featureMap, featureNames);
    }

    /** The N×L logits of N×D features. */
    public INDArray logits(INDArray features) {
        return scoring.logits(features);
    }

    /** {@code predicted[i][l]}: whether label l is predicted for row i, i.e. its logit is positive. */
    public boolean[][] predictLabels(INDArray features) {
        float[][] logits = logits(features).toFloatMatrix();
        boolean[][] predicted = new boolean[logits.length][labelNames.size()];
        for (int i = 0; i < logits.length; i++) {
            for (int l = 0; l < labelNames.size(); l++) {
                predicted[i][l] = isPredicted(logits[i][l]);
            }
        }
        return predicted;
    }

    /**
     * What the model predicts for each example of a dataset with the model's features and labels,
     * beside its true labels; the dataset's labels may come in another order, the predictions
     * list them in the model's. {@code MultiLabelMetrics.of(predictions)} computes the metrics.
     *
     * @throws IllegalArgumentException if it is empty or its labels or features differ from the model's
     */
    public MultiLabelPredictions predictions(MultiLabelData test) {
        TrainingData.requireExamples("test = " + test.source(), test.size());
        if (!Set.copyOf(test.labelNames()).equals(Set.copyOf(labelNames))) {
            throw new IllegalArgumentException("test must have the model's labels " + labelNames + ", but has "
                    + test.labelNames());
        }
        if (!test.features().names().equals(featureNames)) {
            throw new IllegalArgumentException("test must have the model's features in its order, " + featureNames
                    + ", but has " + test.features().names());
        }
        boolean[][] truth = new boolean[test.size()][labelNames.size()];
        for (int l = 0; l < labelNames.size(); l++) {
            int column = test.labelNames().indexOf(labelNames.get(l));
            for (int i = 0; i < test.size(); i++) {
                truth[i][l] = test.hasLabel(i, column);
            }
        }
        return MultiLabelPredictions.of(truth, predictLabels(test.features().toINDArray()), labelNames);
    }

    /** The one decision rule, with no threshold to tune: a label is predicted when its logit is positive, σ(s) > 1/2. */
    private static boolean isPredicted(float logit) {
        return logit > 0;
    }

    /** The spec of the loss it was trained with. */
    public String lossSpec() {
        return lossSpec;
    }

    /** The label names, by logit column. */
    public List<String> labelNames() {
        return labelNames;
    }

    /** The feature names, by input column. */
    public List<String> featureNames() {
        return featureNames;
    }

    /** The layer widths: inputs, hidden layers, labels. */
    public int[] layerSizes() {
        return scoring.network().sizes();
    }

    /** The mean training loss of each completed epoch. */
    public double[] epochLosses() {
        return history.epochLosses().clone();
    }

    /** Whether training was interrupted before its last epoch ended. */
    public boolean interrupted() {
        return history.interrupted();
    }

    /** Wall-clock seconds the training took. */
    public double trainingSeconds() {
        return history.seconds();
    }

    @Override
    public Prediction<MultiLabel> predict(Example<MultiLabel> example) {
        return predictAll(List.of(example)).get(0);
    }

    /** Predicts all examples in one pass through the network rather than one at a time. */
    @Override
    protected List<Prediction<MultiLabel>> innerPredict(Iterable<Example<MultiLabel>> examples) {
        List<Example<MultiLabel>> list = new ArrayList<>();
        examples.forEach(list::add);
        return predictAll(list);
    }

    private List<Prediction<MultiLabel>> predictAll(List<Example<MultiLabel>> examples) {
        DenseRows rows = DenseRows.of(examples, featureIDMap, columnOfFeatureId).requireFeatures(examples);
        float[][] logits = scoring.logits(rows.features()).toFloatMatrix();
        List<Prediction<MultiLabel>> predictions = new ArrayList<>(examples.size());
        for (int i = 0; i < examples.size(); i++) {
            predictions.add(prediction(logits[i], rows.used()[i], examples.get(i)));
        }
        return predictions;
    }

    /**
     * Every label scored σ(s), the labels of positive logit predicted, as {@link #predictLabels}
     * decides; a label outside the training domain (one no training example had) is never
     * predicted, as Tribuo's evaluators cannot count it.
     */
    private Prediction<MultiLabel> prediction(float[] logits, int used, Example<MultiLabel> example) {
        Map<String, MultiLabel> all = new LinkedHashMap<>();
        Set<Label> predicted = new HashSet<>();
        for (int l = 0; l < logits.length; l++) {
            String name = labelNames.get(l);
            double score = 1 / (1 + Math.exp(-logits[l]));
            all.put(name, new MultiLabel(new Label(name, score)));
            if (isPredicted(logits[l]) && outputIDInfo.getID(new MultiLabel(name)) >= 0) {
                predicted.add(new Label(name, score));
            }
        }
        return new Prediction<>(new MultiLabel(predicted), all, used, example, generatesProbabilities);
    }

    /** Not available: an MLP's inputs have no single ranking per label. */
    @Override
    public Map<String, List<Pair<String, Double>>> getTopFeatures(int n) {
        return Map.of();
    }

    /** Not available: the model gives no per-example explanations. */
    @Override
    public Optional<Excuse<MultiLabel>> getExcuse(Example<MultiLabel> example) {
        return Optional.empty();
    }

    @Override
    protected MultiLabelModel copy(String newName, ModelProvenance newProvenance) {
        return new MultiLabelModel(newName, newProvenance, featureIDMap, outputIDInfo, scoring.copy(), lossSpec,
                labelNames, featureNames, history);
    }

    /** The model in one line: loss, layers and how training ended. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "MultiLabelModel(%s, layers %s, %d epochs%s, %.1f s)", lossSpec,
                Arrays.toString(layerSizes()), history.epochLosses().length, interrupted() ? ", interrupted" : "",
                trainingSeconds());
    }
}
