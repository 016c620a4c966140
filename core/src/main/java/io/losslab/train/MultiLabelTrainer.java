package io.losslab.train;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import io.losslab.data.MultiLabelData;
import io.losslab.loss.Loss;
import io.losslab.loss.Losses;
import io.losslab.loss.Targets;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tribuo.Dataset;
import org.tribuo.Trainer;
import org.tribuo.multilabel.MultiLabel;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.provenance.impl.TrainerProvenanceImpl;

/**
 * Trains softmax regression or an MLP with one output per label and a multi-label loss
 * ({@code zlpr}, {@code zlpr-soft}, {@code sigmoid-ce}, ...), as a Tribuo {@link Trainer} of
 * {@link MultiLabel}s. The model predicts label l when its logit is positive, so losses are
 * compared at their natural threshold, with nothing tuned after training.
 *
 * <pre>{@code
 * MultiLabelTrainer trainer = MultiLabelTrainer.builder().loss("zlpr").hiddenSizes(64).epochs(20).seed(1).build();
 * MultiLabelMetrics m = trainer.train(train).evaluate(test);
 * }</pre>
 *
 * <p>It runs the same loop as {@link NdTrainer} (same network, optimisers and listener), with
 * every epoch a shuffle of the training set. Soft targets, such as smoothed labels, are given as
 * a matrix in place of the data's own: {@code trainer.withLoss("zlpr-soft").train(train, soft)}.
 * Deterministic for a seed on a given backend and thread count.
 */
public final class MultiLabelTrainer implements Trainer<MultiLabel> {

    @Config(description = "The LossLab loss spec, e.g. zlpr; it must take multi-label targets.")
    private String loss = "zlpr";

    @Config(description = "Widths of the hidden layers; none gives a linear model.")
    private int[] hiddenSizes = new int[0];

    @Config(description = "Activation of the hidden layers.")
    private NdTrainer.Activation activation = NdTrainer.Activation.RELU;

    @Config(description = "Probability of dropping a hidden unit during training, in [0, 1).")
    private double dropout = 0;

    @Config(description = "The optimiser.")
    private NdTrainer.Optimiser optimiser = NdTrainer.Optimiser.ADAM;

    @Config(description = "The learning rate.")
    private double learningRate = 1e-3;

    @Config(description = "SGD's momentum μ in [0, 1); Adam ignores it.")
    private double momentum = 0.9;

    @Config(description = "L2 weight decay λ >= 0, added to the gradient as λθ.")
    private double weightDecay = 0;

    @Config(description = "Passes over the training set.")
    private int epochs = 10;

    @Config(description = "Examples per batch.")
    private int batchSize = 128;

    @Config(description = "Seed of initialisation, shuffling and dropout.")
    private long seed = Trainer.DEFAULT_SEED;

    private final Invocations invocations = new Invocations();

    /** For OLCUT's configuration system. */
    private MultiLabelTrainer() {
    }

    /** A builder with the defaults: zlpr, a linear model, Adam 1e-3, 10 epochs, batch 128. */
    public static Builder builder() {
        return new Builder(new MultiLabelTrainer());
    }

    /** A builder that starts from this trainer's settings. */
    public Builder toBuilder() {
        return new Builder(copy());
    }

    /** The same settings with another loss: the one-line change of a loss comparison. */
    public MultiLabelTrainer withLoss(String spec) {
        return toBuilder().loss(spec).build();
    }

    private MultiLabelTrainer copy() {
        MultiLabelTrainer t = new MultiLabelTrainer();
        t.loss = loss;
        t.hiddenSizes = hiddenSizes.clone();
        t.activation = activation;
        t.dropout = dropout;
        t.optimiser = optimiser;
        t.learningRate = learningRate;
        t.momentum = momentum;
        t.weightDecay = weightDecay;
        t.epochs = epochs;
        t.batchSize = batchSize;
        t.seed = seed;
        return t;
    }

    /**
     * Checks every setting; called by OLCUT after configuration and by the builder.
     *
     * @throws IllegalArgumentException naming the first bad setting and its value
     */
    @Override
    public void postConfig() {
        if (!Losses.parse(loss).acceptedTargets().contains(Targets.Kind.MULTI_LABEL)) {
            throw new IllegalArgumentException("loss = " + loss + " takes no multi-label targets, so it cannot train "
                    + "a multi-label model; the losses that can are: " + lossesTaking(Targets.Kind.MULTI_LABEL));
        }
        runSettings().check();
    }

    private static String lossesTaking(Targets.Kind kind) {
        return Losses.catalogue().stream().map(Losses.LossInfo::name)
                .filter(name -> Losses.parse(name).acceptedTargets().contains(kind)).collect(Collectors.joining(", "));
    }

    private RunSettings runSettings() {
        return new RunSettings(loss, hiddenSizes.clone(), NdTrainer.Head.LINEAR, activation, dropout, optimiser, learningRate, momentum,
                weightDecay, epochs, batchSize, NdTrainer.Sampling.INSTANCE, 0, 0);
    }

    /** Trains on a Tribuo dataset; the model shares its feature and label domains. */
    @Override
    public MultiLabelModel train(Dataset<MultiLabel> examples) {
        return train(examples, Map.of());
    }

    @Override
    public MultiLabelModel train(Dataset<MultiLabel> examples, Map<String, Provenance> runProvenance) {
        return train(examples, runProvenance, INCREMENT_INVOCATION_COUNT);
    }

    /**
     * Trains on a Tribuo dataset as the {@code invocationCount}-th call of this trainer (or the
     * next one, for {@link #INCREMENT_INVOCATION_COUNT}), as Tribuo's trainers do.
     */
    @Override
    public MultiLabelModel train(Dataset<MultiLabel> examples, Map<String, Provenance> runProvenance,
            int invocationCount) {
        return run(MultiLabelSupervision.of(examples), TrainingListener.NONE, runProvenance, invocationCount);
    }

    /** Trains on a LossLab multi-label dataset. */
    public MultiLabelModel train(MultiLabelData train) {
        return train(train, TrainingListener.NONE);
    }

    /** Trains on a LossLab multi-label dataset, reporting each batch and epoch to {@code listener}. */
    public MultiLabelModel train(MultiLabelData train, TrainingListener listener) {
        return train(train, null, listener);
    }

    /** Trains on the features of {@code train} against {@code targets} in place of its labels, as below. */
    public MultiLabelModel train(MultiLabelData train, INDArray targets) {
        return train(train, targets, TrainingListener.NONE);
    }

    /**
     * Trains on the features of {@code train} against {@code targets} in place of its labels: an
     * N×L matrix in [0, 1], row i and column l the target of example i for label l, e.g.
     * smoothed labels {@code train.labelMatrix().mul(0.9).add(0.05)}. A 0/1 matrix counts as
     * multi-label targets, anything else as soft ones, which only some losses take.
     *
     * @param listener follows the run; null for none
     * @throws IllegalArgumentException if the targets have the wrong shape or an entry outside
     *     [0, 1], or are soft and the loss takes no soft targets
     */
    public MultiLabelModel train(MultiLabelData train, INDArray targets, TrainingListener listener) {
        MultiLabelSupervision data = MultiLabelSupervision.of(train, targets);
        if (data.kind() == Targets.Kind.SOFT && !Losses.parse(loss).acceptedTargets().contains(Targets.Kind.SOFT)) {
            throw new IllegalArgumentException("loss = " + loss + " takes no soft targets; the losses that do are: "
                    + lossesTaking(Targets.Kind.SOFT));
        }
        return run(data, listener, Map.of(), INCREMENT_INVOCATION_COUNT);
    }

    private MultiLabelModel run(MultiLabelSupervision data, TrainingListener listener,
            Map<String, Provenance> runProvenance, int requestedInvocation) {
        Invocations.Invocation invocation = invocations.start(this, seed, requestedInvocation);
        TrainingRun.Result trained = new TrainingRun(runSettings(), data,
                listener == null ? TrainingListener.NONE : listener, invocation.random()).train();
        ModelProvenance provenance = new ModelProvenance(MultiLabelModel.class.getName(), OffsetDateTime.now(),
                data.provenance(), invocation.provenance(), runProvenance);
        return new MultiLabelModel(provenance, data, trained);
    }

    @Override
    public int getInvocationCount() {
        return invocations.count();
    }

    @Override
    public void setInvocationCount(int count) {
        invocations.set(count);
    }

    @Override
    public TrainerProvenance getProvenance() {
        return new TrainerProvenanceImpl(this);
    }

    /** The settings, as a spec-like line. */
    @Override
    public String toString() {
        String model = hiddenSizes.length == 0 ? "linear"
                : "MLP " + Arrays.toString(hiddenSizes) + " " + activation.name().toLowerCase(Locale.ROOT)
                        + (dropout > 0 ? ", dropout " + dropout : "");
        String optimiserText = optimiser == NdTrainer.Optimiser.ADAM ? "Adam " + learningRate
                : "SGD " + learningRate + (momentum > 0 ? ", momentum " + momentum : "");
        return "MultiLabelTrainer(" + loss + "; " + model + "; " + optimiserText
                + (weightDecay > 0 ? ", weight decay " + weightDecay : "") + "; " + epochs + " epochs of batch "
                + batchSize + ", seed " + seed + ")";
    }

    /**
     * Builds a {@link MultiLabelTrainer}; every setter returns the builder, and {@link #build()}
     * checks the whole configuration.
     *
     * <pre>{@code
     * MultiLabelTrainer t = MultiLabelTrainer.builder().loss("sigmoid-ce").hiddenSizes(64).adam(1e-3).build();
     * }</pre>
     */
    public static final class Builder {

        private final MultiLabelTrainer settings;

        private Builder(MultiLabelTrainer settings) {
            this.settings = settings;
        }

        /** The loss, by spec. */
        public Builder loss(String spec) {
            settings.loss = spec;
            return this;
        }

        /** The loss, by its spec. */
        public Builder loss(Loss loss) {
            settings.loss = loss.spec();
            return this;
        }

        /** Hidden layer widths; none gives a linear model. */
        public Builder hiddenSizes(int... widths) {
            settings.hiddenSizes = widths.clone();
            return this;
        }

        /** The hidden layers' activation. */
        public Builder activation(NdTrainer.Activation activation) {
            settings.activation = activation;
            return this;
        }

        /** The probability of dropping each hidden unit during training. */
        public Builder dropout(double probability) {
            settings.dropout = probability;
            return this;
        }

        /** Adam with this learning rate. */
        public Builder adam(double learningRate) {
            settings.optimiser = NdTrainer.Optimiser.ADAM;
            settings.learningRate = learningRate;
            return this;
        }

        /** SGD with this learning rate and momentum (0 for none). */
        public Builder sgd(double learningRate, double momentum) {
            settings.optimiser = NdTrainer.Optimiser.SGD;
            settings.learningRate = learningRate;
            settings.momentum = momentum;
            return this;
        }

        /** L2 weight decay. */
        public Builder weightDecay(double lambda) {
            settings.weightDecay = lambda;
            return this;
        }

        /** Passes over the training set. */
        public Builder epochs(int epochs) {
            settings.epochs = epochs;
            return this;
        }

        /** Examples per batch. */
        public Builder batchSize(int batchSize) {
            settings.batchSize = batchSize;
            return this;
        }

        /** The seed. */
        public Builder seed(long seed) {
            settings.seed = seed;
            return this;
        }

        /**
         * The trainer.
         *
         * @throws IllegalArgumentException naming the first bad setting and its value
         */
        public MultiLabelTrainer build() {
            MultiLabelTrainer trainer = settings.copy();
            trainer.postConfig();
            return trainer;
        }
    }
}
