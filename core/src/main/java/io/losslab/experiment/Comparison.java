package io.losslab.experiment;

import io.losslab.data.DataSplits;
import io.losslab.data.LabeledData;
import io.losslab.data.Predictions;
import io.losslab.data.ShotThresholds;
import io.losslab.eval.ClassificationMetrics;
import io.losslab.train.NdModel;
import io.losslab.train.NdTrainer;
import io.losslab.train.TrainingListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;

/**
 * Trains several losses (and, if wanted, Tribuo trainers) on one split with one model and
 * returns one table: the fair comparison the notebooks draw. Every ND4J row uses the same
 * trainer settings, seed included, so the rows differ only in the loss.
 *
 * <pre>{@code
 * NdTrainer mlp = NdTrainer.builder().hiddenSizes(256, 256).epochs(20).seed(0).build();
 * ComparisonTable table = Comparison.of(mlp, "ce", "focal(gamma=2)", "logit-adjusted(tau=1)").run(splits);
 * }</pre>
 */
public final class Comparison {

    /**
     * A trained row before evaluation: a model to predict the test set with, or the test-set
     * predictions of a model trained outside the comparison (and then no model).
     */
    record Trained(Model<Label> model, Predictions predictions, double seconds, boolean interrupted) {

        Trained(Model<Label> model, double seconds, boolean interrupted) {
            this(model, null, seconds, interrupted);
        }
    }

    private final NdTrainer model;
    private final List<Contender> contenders;
    private final ShotThresholds thresholds;
    private final ComparisonListener listener;

    private Comparison(NdTrainer model, List<Contender> contenders, ShotThresholds thresholds,
            ComparisonListener listener) {
        this.model = model;
        this.contenders = List.copyOf(contenders);
        this.thresholds = thresholds;
        this.listener = listener;
    }

    /** A comparison of these loss specs with this model, default shot groups and no listener. */
    public static Comparison of(NdTrainer model, String... lossSpecs) {
        Builder builder = builder(model);
        for (String spec : lossSpecs) {
            builder.add(Contender.loss(spec));
        }
        return builder.build();
    }

    /** A builder of a comparison whose ND4J rows train with {@code model}'s settings. */
    public static Builder builder(NdTrainer model) {
        return new Builder(model);
    }

    /** The rows, in order. */
    public List<Contender> contenders() {
        return contenders;
    }

    /**
     * Trains every row on {@code splits.train()} (reporting epochs on its validation set when it
     * has one) and evaluates it on {@code splits.test()}. If the thread is interrupted, the row in
     * training stops after its current batch, is evaluated as it is, and no further row starts.
     */
    public ComparisonTable run(DataSplits splits) {
        Run run = new Run(splits);
        List<ComparisonRow> rows = new ArrayList<>();
        for (Contender contender : contenders) {
            run.rowListener = listener.rowStarted(contender.name());
            Trained trained = contender.train(run);
            ComparisonRow row = new ComparisonRow(contender.name(), run.evaluate(trained), trained.seconds(),
                    trained.interrupted(), trained.model());
            rows.add(row);
            listener.rowFinished(row);
            if (trained.interrupted() || Thread.currentThread().isInterrupted()) {
                break;
            }
        }
        return new ComparisonTable(describe(splits), splits.train().classNames(), splits.train().classCounts(),
                thresholds, rows, rows.size() < contenders.size());
    }

    private String describe(DataSplits splits) {
        return "train " + splits.train().source() + " (" + splits.train().size() + " examples); test "
                + splits.test().source() + " (" + splits.test().size() + " examples); " + model;
    }

    /** The state of one {@link #run}: the models trained so far and the Tribuo views of the data. */
    final class Run {

        private final DataSplits splits;
        private final Map<String, NdModel> ndModels = new HashMap<>();
        private final Map<String, Double> ndSeconds = new HashMap<>();
        private Dataset<Label> tribuoTrain;
        private Dataset<Label> tribuoTest;
        private TrainingListener rowListener;

        private Run(DataSplits splits) {
            this.splits = splits;
        }

        /** The ND4J model trained with {@code spec}, trained on first use and then reused. */
        NdModel ndModel(String spec) {
            NdModel trained = ndModels.get(spec);
            if (trained == null) {
                long start = System.nanoTime();
                trained = model.withLoss(spec).train(splits.train(), splits.validation(), rowListener);
                ndSeconds.put(spec, (System.nanoTime() - start) / 1e9);
                ndModels.put(spec, trained);
            }
            return trained;
        }

        /** The seconds that training {@code spec}'s ND4J model took. */
        double ndSeconds(String spec) {
            return ndSeconds.get(spec);
        }

        /** The training set as a Tribuo dataset, converted once. */
        Dataset<Label> tribuoTrain() {
            if (tribuoTrain == null) {
                tribuoTrain = splits.train().toTribuo();
            }
            return tribuoTrain;
        }

        /** A Tribuo trainer's model on {@code data}, timed. */
        Trained tribuo(Trainer<Label> trainer, Dataset<Label> data) {
            long start = System.nanoTime();
            Model<Label> trained = trainer.train(data);
            return new Trained(trained, (System.nanoTime() - start) / 1e9, false);
        }

        /**
         * The predictions on the test set of a model trained outside the comparison, with the
         * training counts of the comparison's training set, as every other row is scored.
         *
         * @throws IllegalArgumentException if they are not of the test set's examples and classes
         */
        Trained external(String name, Function<LabeledData, Predictions> predict) {
            LabeledData test = splits.test();
            Predictions given = predict.apply(test);
            if (given == null || !Arrays.equals(given.truth(), test.labels())
                    || !given.classNames().equals(test.classNames())) {
                throw new IllegalArgumentException("the predictions of row '" + name + "' must be of the test set "
                        + test.source() + " (its " + test.size() + " examples in order, classes " + test.classNames()
                        + "), but are " + given);
            }
            Predictions scored = Predictions.of(given.truth(), given.predicted(), given.confidence(),
                    given.classNames(), splits.train().classCounts());
            return new Trained(null, scored, Double.NaN, false);
        }

        /** The test metrics of a row: ND4J models predict the matrix at once, Tribuo's through Tribuo. */
        ClassificationMetrics evaluate(Trained row) {
            if (row.predictions() != null) {
                return ClassificationMetrics.of(row.predictions(), thresholds);
            }
            Model<Label> trained = row.model();
            LabeledData test = splits.test();
            if (trained instanceof NdModel nd) {
                return ClassificationMetrics.of(nd.predictions(test), thresholds);
            }
            if (tribuoTest == null) {
                tribuoTest = test.toTribuo();
            }
            return fromPredictions(trained, trained.predict(tribuoTest), test);
        }

        private ClassificationMetrics fromPredictions(Model<Label> trained, List<Prediction<Label>> predictions,
                LabeledData test) {
            Map<String, Integer> classOf = new HashMap<>();
            for (int k = 0; k < test.numClasses(); k++) {
                classOf.put(test.classNames().get(k), k);
            }
            int[] predicted = new int[predictions.size()];
            double[] confidence = trained.generatesProbabilities() ? new double[predictions.size()] : null;
            for (int i = 0; i < predicted.length; i++) {
                Label label = predictions.get(i).getOutput();
                predicted[i] = classOf.get(label.getLabel());
                if (confidence != null) {
                    confidence[i] = label.getScore();
                }
            }
            return ClassificationMetrics.of(Predictions.of(test.labels(), predicted, confidence, test.classNames(),
                    splits.train().classCounts()), thresholds);
        }
    }

    /**
     * Builds a {@link Comparison}.
     *
     * <pre>{@code
     * Comparison c = Comparison.builder(mlp).losses("ce", "ldam").add(Contender.postHoc("ce", 1)).build();
     * }</pre>
     */
    public static final class Builder {

        private final NdTrainer model;
        private final List<Contender> contenders = new ArrayList<>();
        private ShotThresholds thresholds = ShotThresholds.DEFAULT;
        private ComparisonListener listener = ComparisonListener.NONE;

        private Builder(NdTrainer model) {
            if (model == null) {
                throw new IllegalArgumentException("model must be given, but is null");
            }
            this.model = model;
        }

        /** ND4J rows, one per loss spec. */
        public Builder losses(String... specs) {
            for (String spec : specs) {
                add(Contender.loss(spec));
            }
            return this;
        }

        /** A row of any kind. */
        public Builder add(Contender contender) {
            contenders.add(contender);
            return this;
        }

        /** The many/medium/few-shot boundaries. */
        public Builder thresholds(ShotThresholds shotThresholds) {
            this.thresholds = shotThresholds;
            return this;
        }

        /** Who follows the run. */
        public Builder listener(ComparisonListener comparisonListener) {
            this.listener = comparisonListener;
            return this;
        }

        /**
         * The comparison.
         *
         * @throws IllegalArgumentException if there are no rows, or two rows share a name
         */
        public Comparison build() {
            if (contenders.isEmpty()) {
                throw new IllegalArgumentException("contenders must hold at least one row, but is empty");
            }
            Set<String> names = new HashSet<>();
            for (Contender contender : contenders) {
                if (!names.add(contender.name())) {
                    throw new IllegalArgumentException("two rows are named '" + contender.name() + "': every row needs its own name");
                }
            }
            return new Comparison(model, contenders, thresholds, listener);
        }
    }
}
