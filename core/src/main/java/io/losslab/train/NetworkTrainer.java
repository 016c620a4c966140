package io.losslab.train;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import io.losslab.loss.Loss;
import io.losslab.loss.Losses;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.Output;
import org.tribuo.Trainer;
import org.tribuo.provenance.DatasetProvenance;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.provenance.impl.TrainerProvenanceImpl;

/**
 * What {@link NdTrainer} and {@link MultiLabelTrainer} share: the settings of the network, the
 * optimiser and the schedule, the builder setters for them, and the training call around
 * {@link TrainingRun}. A subclass adds its own settings, says which losses it takes and makes its
 * model from what the loop learned.
 *
 * <p>OLCUT looks for {@code @Config} fields in superclasses too, so configuration files and
 * provenance list the settings here as the subclass's own, as with Tribuo's
 * {@code AbstractSGDTrainer}.
 *
 * @param <T> what the model predicts
 * @param <M> the model
 * @param <S> the trainer itself, so that copies and builders give back its own type
 */
abstract class NetworkTrainer<T extends Output<T>, M extends Model<T>, S extends NetworkTrainer<T, M, S>>
        implements Trainer<T> {

    @Config(description = "The LossLab loss spec, e.g. focal(gamma=2) or zlpr; it must take the trainer's kind of targets.")
    private String loss;

    @Config(description = "Widths of the hidden layers; none gives a linear model (softmax regression, for single labels).")
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

    @Config(description = "Seed of initialisation, the order of examples, mixup and dropout.")
    private long seed = Trainer.DEFAULT_SEED;

    private final Invocations invocations = new Invocations();

    private final Class<M> modelClass;

    /**
     * @param modelClass   what {@link #train} makes, named in the model's provenance
     * @param defaultLoss  the loss spec until one is set
     */
    NetworkTrainer(Class<M> modelClass, String defaultLoss) {
        this.modelClass = modelClass;
        this.loss = defaultLoss;
    }

    /** A builder that starts from this trainer's settings. */
    public abstract Builder<?, S> toBuilder();

    /** The same settings with another loss: the one-line change of a loss comparison. */
    public S withLoss(String spec) {
        return toBuilder().loss(spec).build();
    }

    /** An unchecked copy of every setting, for a builder to change. */
    abstract S copy();

    /** Copies the settings declared here onto {@code copy}, for a subclass's {@link #copy()}. */
    final S copySharedSettingsTo(S copy) {
        NetworkTrainer<T, M, S> to = copy; // private fields are not reachable through a type variable
        to.loss = loss;
        to.hiddenSizes = hiddenSizes.clone();
        to.activation = activation;
        to.dropout = dropout;
        to.optimiser = optimiser;
        to.learningRate = learningRate;
        to.momentum = momentum;
        to.weightDecay = weightDecay;
        to.epochs = epochs;
        to.batchSize = batchSize;
        to.seed = seed;
        return copy;
    }

    /**
     * Checks every setting; called by OLCUT after configuration and by the builder.
     *
     * @throws IllegalArgumentException naming the first bad setting and its value
     */
    @Override
    public void postConfig() {
        checkLoss(Losses.parse(loss));
        runSettings().check();
    }

    /**
     * Refuses a loss that takes none of this trainer's targets.
     *
     * @throws IllegalArgumentException naming the loss
     */
    abstract void checkLoss(Loss parsed);

    /** The loss spec as given. */
    final String loss() {
        return loss;
    }

    /** The settings as the training loop reads them. */
    abstract RunSettings runSettings();

    /** The settings as the training loop reads them, given the ones a subclass adds. */
    final RunSettings runSettings(NdTrainer.Head head, NdTrainer.Sampling sampling, double mixupAlpha, double postHocTau) {
        return new RunSettings(loss, hiddenSizes.clone(), head, activation, dropout, optimiser, learningRate, momentum,
                weightDecay, epochs, batchSize, sampling, mixupAlpha, postHocTau);
    }

    /** Trains on a Tribuo dataset; the model shares its feature and label domains. */
    @Override
    public M train(Dataset<T> examples) {
        return train(examples, Map.of());
    }

    /** Trains on a Tribuo dataset, with {@code runProvenance} added to the model's provenance. */
    @Override
    public M train(Dataset<T> examples, Map<String, Provenance> runProvenance) {
        return train(examples, runProvenance, INCREMENT_INVOCATION_COUNT);
    }

    /**
     * Trains on a Tribuo dataset as the {@code invocationCount}-th call of this trainer (or the
     * next one, for {@link #INCREMENT_INVOCATION_COUNT}): each call draws from its own stream of
     * the seed, as Tribuo's trainers do.
     */
    @Override
    public abstract M train(Dataset<T> examples, Map<String, Provenance> runProvenance, int invocationCount);

    /**
     * One call of this trainer: the loop on {@code supervision} with the call's generator, and the
     * model {@code model} makes from its provenance and what the loop learned.
     *
     * @param listener follows the run; null for none
     */
    final M run(Supervision supervision, DatasetProvenance data, TrainingListener listener,
            Map<String, Provenance> runProvenance, int requestedInvocation,
            BiFunction<ModelProvenance, TrainingRun.Result, M> model) {
        Invocations.Invocation invocation = invocations.start(this, seed, requestedInvocation);
        TrainingRun.Result trained = new TrainingRun(runSettings(), supervision,
                listener == null ? TrainingListener.NONE : listener, invocation.random()).train();
        ModelProvenance provenance = new ModelProvenance(modelClass.getName(), OffsetDateTime.now(), data,
                invocation.provenance(), runProvenance);
        return model.apply(provenance, trained);
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

    /**
     * The settings as a spec-like line, {@code Name(loss; model; optimiser; schedule, seed)}.
     *
     * @param linear    what the model is called with no hidden layer
     * @param mlpExtras appended to an MLP's description
     * @param schedule  appended to the epochs and batch size
     */
    final String describe(String linear, String mlpExtras, String schedule) {
        String model = hiddenSizes.length == 0 ? linear
                : "MLP " + Arrays.toString(hiddenSizes) + " " + activation.name().toLowerCase(Locale.ROOT)
                        + (dropout > 0 ? ", dropout " + dropout : "") + mlpExtras;
        String optimiserText = optimiser == NdTrainer.Optimiser.ADAM ? "Adam " + learningRate
                : "SGD " + learningRate + (momentum > 0 ? ", momentum " + momentum : "");
        return getClass().getSimpleName() + "(" + loss + "; " + model + "; " + optimiserText
                + (weightDecay > 0 ? ", weight decay " + weightDecay : "") + "; " + epochs + " epochs of batch "
                + batchSize + schedule + ", seed " + seed + ")";
    }

    /**
     * The setters of the settings above, for both trainers' builders; each returns the builder it
     * was called on, as that builder's own type, so that a subclass's setters chain after them.
     *
     * @param <B> the builder itself
     * @param <S> the trainer it builds
     */
    abstract static class Builder<B extends Builder<B, S>, S extends NetworkTrainer<?, ?, S>> {

        /** The settings so far, copied at each {@link #build()} so that the builder can go on. */
        final S settings;

        Builder(S settings) {
            this.settings = settings;
        }

        /** This builder, as its own type. */
        abstract B self();

        private NetworkTrainer<?, ?, S> shared() {
            return settings; // private fields are not reachable through a type variable
        }

        /** The loss, by spec. */
        public B loss(String spec) {
            shared().loss = spec;
            return self();
        }

        /** The loss, by its spec; a loss bound to class counts keeps its binding only if its spec says it. */
        public B loss(Loss loss) {
            shared().loss = loss.spec();
            return self();
        }

        /** Hidden layer widths; none gives a linear model (softmax regression, for single labels). */
        public B hiddenSizes(int... widths) {
            shared().hiddenSizes = widths.clone();
            return self();
        }

        /** The hidden layers' activation. */
        public B activation(NdTrainer.Activation activation) {
            shared().activation = activation;
            return self();
        }

        /** The probability of dropping each hidden unit during training. */
        public B dropout(double probability) {
            shared().dropout = probability;
            return self();
        }

        /** Adam with this learning rate. */
        public B adam(double learningRate) {
            shared().optimiser = NdTrainer.Optimiser.ADAM;
            shared().learningRate = learningRate;
            return self();
        }

        /** SGD with this learning rate and momentum (0 for none). */
        public B sgd(double learningRate, double momentum) {
            shared().optimiser = NdTrainer.Optimiser.SGD;
            shared().learningRate = learningRate;
            shared().momentum = momentum;
            return self();
        }

        /** L2 weight decay. */
        public B weightDecay(double lambda) {
            shared().weightDecay = lambda;
            return self();
        }

        /** Passes over the training set. */
        public B epochs(int epochs) {
            shared().epochs = epochs;
            return self();
        }

        /** Examples per batch. */
        public B batchSize(int batchSize) {
            shared().batchSize = batchSize;
            return self();
        }

        /** The seed. */
        public B seed(long seed) {
            shared().seed = seed;
            return self();
        }

        /**
         * The trainer.
         *
         * @throws IllegalArgumentException naming the first bad setting and its value
         */
        public S build() {
            S trainer = settings.copy();
            trainer.postConfig();
            return trainer;
        }
    }
}
