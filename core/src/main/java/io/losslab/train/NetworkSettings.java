package io.losslab.train;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.Configurable;
import io.losslab.nn.Workers;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;
import org.tribuo.Trainer;

/**
 * The settings every network trainer shares, whatever it learns: the network, the optimiser and
 * the schedule, with the builder setters for them. {@link NetworkTrainer} adds a loss and Tribuo's
 * trainer contract; {@link MultiTaskTrainer} adds a loss per task and how the tasks are weighted.
 *
 * <p>OLCUT looks for {@code @Config} fields in superclasses too, so configuration files and
 * provenance list the settings here as the subclass's own, as with Tribuo's
 * {@code AbstractSGDTrainer}.
 *
 * @param <S> the trainer itself, so that copies and builders give back its own type
 */
abstract class NetworkSettings<S extends NetworkSettings<S>> implements Configurable, Serializable {

    private static final long serialVersionUID = 1L;

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

    @Config(description = Workers.THREADS_SETTING)
    private int threads = 2;

    /** An unchecked copy of every setting, for a builder to change. */
    abstract S copy();

    /**
     * Checks every setting; called by OLCUT after configuration and by the builder.
     *
     * @throws IllegalArgumentException naming the first bad setting and its value
     */
    @Override
    public abstract void postConfig();

    /** Copies the settings declared here onto {@code copy}, for a subclass's {@link #copy()}. */
    final S copyNetworkSettingsTo(S copy) {
        NetworkSettings<S> to = copy; // private fields are not reachable through a type variable
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
        to.threads = threads;
        return copy;
    }

    /** The seed every call's generator starts from. */
    public final long seed() {
        return seed;
    }

    /** The settings as the training loop reads them, given the ones a subclass adds. */
    final RunSettings runSettings(String loss, NdTrainer.Head head, NdTrainer.Sampling sampling, double mixupAlpha,
            double postHocTau, double sigmaAnneal) {
        return new RunSettings(loss, hiddenSizes.clone(), head, activation, dropout, optimiser, learningRate, momentum,
                weightDecay, epochs, batchSize, sampling, mixupAlpha, postHocTau, sigmaAnneal, threads);
    }

    /**
     * The settings as a spec-like line, {@code Name(objective; model; optimiser; schedule, seed)}.
     *
     * @param objective what is minimised: the loss spec, or the tasks and their weighting
     * @param linear    what the model is called with no hidden layer
     * @param mlpExtras appended to an MLP's description
     * @param schedule  appended to the epochs and batch size
     */
    final String describe(String objective, String linear, String mlpExtras, String schedule) {
        String model = hiddenSizes.length == 0 ? linear
                : "MLP " + Arrays.toString(hiddenSizes) + " " + activation.name().toLowerCase(Locale.ROOT)
                        + (dropout > 0 ? ", dropout " + dropout : "") + mlpExtras;
        String optimiserText = optimiser == NdTrainer.Optimiser.ADAM ? "Adam " + learningRate
                : "SGD " + learningRate + (momentum > 0 ? ", momentum " + momentum : "");
        return getClass().getSimpleName() + "(" + objective + "; " + model + "; " + optimiserText
                + (weightDecay > 0 ? ", weight decay " + weightDecay : "") + "; " + epochs + " epochs of batch "
                + batchSize + schedule + ", seed " + seed + ")";
    }

    /**
     * The setters of the settings above, for every network trainer's builder; each returns the
     * builder it was called on, as that builder's own type, so that a subclass's setters chain
     * after them.
     *
     * @param <B> the builder itself
     * @param <S> the trainer it builds
     */
    abstract static class Builder<B extends Builder<B, S>, S extends NetworkSettings<S>> {

        /** The settings so far, copied at each {@link #build()} so that the builder can go on. */
        final S settings;

        Builder(S settings) {
            this.settings = settings;
        }

        /** This builder, as its own type. */
        abstract B self();

        private NetworkSettings<S> shared() {
            return settings; // private fields are not reachable through a type variable
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
         * The most threads one training runs on, at least 1: 2 (the default) lets a helper thread
         * take half of each batch where there are cores for it, 1 keeps a training on the caller's
         * thread, as a Spark task given one core should. The weights are the same either way.
         */
        public B threads(int threads) {
            shared().threads = threads;
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
