package io.losslab.train;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import io.losslab.data.LabeledData;
import io.losslab.loss.Loss;
import io.losslab.loss.Losses;
import io.losslab.loss.Targets;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.tribuo.Dataset;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.provenance.impl.TrainerProvenanceImpl;

/**
 * Trains softmax regression or an MLP with ND4J, with any single-label LossLab loss, as a Tribuo
 * {@link Trainer}: what it returns is an {@link NdModel}, a Tribuo model with provenance that
 * Tribuo's evaluators accept. It can also train on a {@link LabeledData} directly, with a
 * validation set and a {@link TrainingListener}.
 *
 * <pre>{@code
 * NdTrainer trainer = NdTrainer.builder().loss("logit-adjusted(tau=1)").hiddenSizes(256, 256).epochs(20).build();
 * NdModel model = trainer.train(splits.train(), splits.validation(), TrainingListener.NONE);
 * }</pre>
 *
 * <p>The loss is used only through {@link Loss}: each batch the trainer calls
 * {@code loss.compute(logits, targets, Reduction.MEAN)} and back-propagates the gradient it
 * returns; losses that use the class distribution are bound to the training counts with
 * {@link Loss#withClassCounts}. With mixup the batch is {@code λx + (1-λ)x'}, x' the same batch
 * in another order and λ ~ Beta(α, α) per batch; since a single-label loss takes one class per
 * example, the loss is mixed rather than the labels: {@code λ·L(s, y) + (1-λ)·L(s, y')}, which
 * for cross-entropy equals cross-entropy on the mixed one-hot targets and gives every other loss
 * (focal, LDAM, ...) a meaning too.
 *
 * <p>The output layer is linear by default; {@link Head#COSINE} makes it a cosine classifier
 * for {@code am-softmax}, whose embedding {@link NdModel#embeddings} returns:
 *
 * <pre>{@code
 * NdTrainer.builder().loss("am-softmax(scale=16, margin=0.35)").hiddenSizes(64, 2).head(NdTrainer.Head.COSINE).build();
 * }</pre>
 *
 * <p>Deterministic for a seed on a given backend and thread count: initialisation, sampling and
 * mixup draw from a Java generator, dropout from an ND4J generator seeded from it. Nothing here
 * is specific to the CPU. Interrupting the training thread stops training before the next batch;
 * the model trained so far is returned and {@link NdModel#interrupted()} says so.
 */
public final class NdTrainer implements Trainer<Label> {

    /** The hidden layers' activation. */
    public enum Activation {
        /** {@code max(0, x)}. */
        RELU,
        /** The Gaussian error linear unit in ND4J's sigmoid form {@code x·σ(1.702x)} (PyTorch's default is the erf form). */
        GELU
    }

    /**
     * What the output layer computes from the last hidden layer.
     *
     * <pre>{@code
     * NdTrainer.builder().loss("am-softmax(scale=16, margin=0.35)").hiddenSizes(64, 2).head(NdTrainer.Head.COSINE);
     * }</pre>
     */
    public enum Head {
        /** Logits {@code Wᵀh + b}, an affine map of the last hidden activations. */
        LINEAR,
        /**
         * Cosines {@code cos θ_k = (h/|h|)·(w_k/|w_k|)} between the embedding h and each class's
         * weight vector w_k, with no bias: what {@code am-softmax} takes as its logits. The last
         * hidden layer is then the embedding, a linear map with no activation and no dropout, so
         * that its directions are free to spread over the whole circle (or sphere).
         */
        COSINE
    }

    /** How parameters follow the gradient. */
    public enum Optimiser {
        /** Stochastic gradient descent with (heavy-ball) momentum, as {@code torch.optim.SGD}. */
        SGD,
        /** Adam with β = (0.9, 0.999), ε = 1e-8, as {@code torch.optim.Adam}. */
        ADAM
    }

    /** How an epoch draws its examples. */
    public enum Sampling {
        /** Every example once per epoch, shuffled. */
        INSTANCE,
        /** N draws per epoch, every class equally likely, then an example of it. */
        CLASS_BALANCED,
        /** N draws per epoch, class k with probability ∝ √n_k. */
        SQUARE_ROOT
    }

    @Config(description = "The LossLab loss spec, e.g. focal(gamma=2); single-label losses only.")
    private String loss = "ce";

    @Config(description = "Widths of the hidden layers; none gives softmax regression.")
    private int[] hiddenSizes = new int[0];

    @Config(description = "The output layer: LINEAR logits, or COSINE similarities to class directions (needs a hidden layer).")
    private Head head = Head.LINEAR;

    @Config(description = "Activation of the hidden layers.")
    private Activation activation = Activation.RELU;

    @Config(description = "Probability of dropping a hidden unit during training, in [0, 1).")
    private double dropout = 0;

    @Config(description = "The optimiser.")
    private Optimiser optimiser = Optimiser.ADAM;

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

    @Config(description = "Seed of initialisation, sampling, mixup and dropout.")
    private long seed = Trainer.DEFAULT_SEED;

    @Config(description = "How each epoch samples the training examples.")
    private Sampling sampling = Sampling.INSTANCE;

    @Config(description = "Mixup's α > 0 (λ ~ Beta(α, α)); 0 turns mixup off.")
    private double mixupAlpha = 0;

    @Config(description = "Post-hoc logit adjustment τ >= 0 applied at prediction time; 0 leaves the logits as they are.")
    private double postHocTau = 0;

    private final Invocations invocations = new Invocations();

    /** For OLCUT's configuration system. */
    private NdTrainer() {
    }

    /** A builder with the defaults: ce, softmax regression, Adam 1e-3, 10 epochs, batch 128. */
    public static Builder builder() {
        return new Builder(new NdTrainer());
    }

    /** A builder that starts from this trainer's settings. */
    public Builder toBuilder() {
        return new Builder(copy());
    }

    /** The same settings with another loss: the one-line change of a loss comparison. */
    public NdTrainer withLoss(String spec) {
        return toBuilder().loss(spec).build();
    }

    private NdTrainer copy() {
        NdTrainer t = new NdTrainer();
        t.loss = loss;
        t.hiddenSizes = hiddenSizes.clone();
        t.head = head;
        t.activation = activation;
        t.dropout = dropout;
        t.optimiser = optimiser;
        t.learningRate = learningRate;
        t.momentum = momentum;
        t.weightDecay = weightDecay;
        t.epochs = epochs;
        t.batchSize = batchSize;
        t.seed = seed;
        t.sampling = sampling;
        t.mixupAlpha = mixupAlpha;
        t.postHocTau = postHocTau;
        return t;
    }

    /**
     * Checks every setting; called by OLCUT after configuration and by the builder.
     *
     * @throws IllegalArgumentException naming the first bad setting and its value
     */
    @Override
    public void postConfig() {
        Loss parsed = Losses.parse(loss);
        if (!parsed.acceptedTargets().contains(Targets.Kind.CLASSES)) {
            throw new IllegalArgumentException("loss = " + loss + " takes no single-label targets, so it cannot train a classifier");
        }
        runSettings().check();
    }

    /** The settings as the training loop reads them. */
    RunSettings runSettings() {
        return new RunSettings(loss, hiddenSizes.clone(), head, activation, dropout, optimiser, learningRate, momentum,
                weightDecay, epochs, batchSize, sampling, mixupAlpha, postHocTau);
    }

    /** Trains on a Tribuo dataset; the model shares its feature and label domains. */
    @Override
    public NdModel train(Dataset<Label> examples) {
        return train(examples, Map.of());
    }

    @Override
    public NdModel train(Dataset<Label> examples, Map<String, Provenance> runProvenance) {
        return train(examples, runProvenance, INCREMENT_INVOCATION_COUNT);
    }

    /**
     * Trains on a Tribuo dataset as the {@code invocationCount}-th call of this trainer (or the
     * next one, for {@link #INCREMENT_INVOCATION_COUNT}): each call draws from its own stream of
     * the seed, as Tribuo's trainers do.
     */
    @Override
    public NdModel train(Dataset<Label> examples, Map<String, Provenance> runProvenance, int invocationCount) {
        return run(TrainingData.of(examples), null, TrainingListener.NONE, runProvenance, invocationCount);
    }

    /** Trains on a LossLab dataset, with no validation set and no listener. */
    public NdModel train(LabeledData train) {
        return train(train, null, TrainingListener.NONE);
    }

    /**
     * Trains on a LossLab dataset, reporting each batch and epoch to {@code listener} (if not
     * null), with metrics on {@code validation} after each epoch when it is given and not empty.
     *
     * @throws IllegalArgumentException if the sets differ in classes or features, or the training
     *     set is empty
     */
    public NdModel train(LabeledData train, LabeledData validation, TrainingListener listener) {
        if (validation != null && (!validation.classNames().equals(train.classNames())
                || !validation.featureNames().equals(train.featureNames()))) {
            throw new IllegalArgumentException("validation must have the classes and features of train, but "
                    + validation.source() + " differs from " + train.source());
        }
        LabeledData usedValidation = validation == null || validation.size() == 0 ? null : validation;
        return run(TrainingData.of(train), usedValidation, listener, Map.of(), INCREMENT_INVOCATION_COUNT);
    }

    private NdModel run(TrainingData data, LabeledData validation, TrainingListener listener,
            Map<String, Provenance> runProvenance, int requestedInvocation) {
        Invocations.Invocation invocation = invocations.start(this, seed, requestedInvocation);
        TrainingRun.Result trained = new TrainingRun(runSettings(), new SingleLabelSupervision(data, validation),
                listener == null ? TrainingListener.NONE : listener, invocation.random()).train();
        ModelProvenance provenance = new ModelProvenance(NdModel.class.getName(), OffsetDateTime.now(),
                data.provenance(), invocation.provenance(), runProvenance);
        return new NdModel(provenance, data, trained.scoring(), trained.lossSpec(), trained.history());
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
        String model = hiddenSizes.length == 0 ? "softmax regression"
                : "MLP " + Arrays.toString(hiddenSizes) + " " + activation.name().toLowerCase(Locale.ROOT)
                        + (dropout > 0 ? ", dropout " + dropout : "") + (head == Head.COSINE ? ", cosine head" : "");
        String optimiserText = optimiser == Optimiser.ADAM ? "Adam " + learningRate
                : "SGD " + learningRate + (momentum > 0 ? ", momentum " + momentum : "");
        return "NdTrainer(" + loss + "; " + model + "; " + optimiserText
                + (weightDecay > 0 ? ", weight decay " + weightDecay : "") + "; " + epochs + " epochs of batch "
                + batchSize + ", " + sampling.name().toLowerCase(Locale.ROOT).replace('_', '-') + " sampling"
                + (mixupAlpha > 0 ? ", mixup α " + mixupAlpha : "") + (postHocTau > 0 ? ", post-hoc τ " + postHocTau : "")
                + ", seed " + seed + ")";
    }

    /**
     * Builds an {@link NdTrainer}; every setter returns the builder, and {@link #build()} checks
     * the whole configuration.
     *
     * <pre>{@code
     * NdTrainer t = NdTrainer.builder().loss("focal(gamma=2)").sgd(0.1, 0.9).epochs(30).seed(7).build();
     * }</pre>
     */
    public static final class Builder {

        private final NdTrainer settings;

        private Builder(NdTrainer settings) {
            this.settings = settings;
        }

        /** The loss, by spec. */
        public Builder loss(String spec) {
            settings.loss = spec;
            return this;
        }

        /** The loss, by its spec; a loss bound to class counts keeps its binding only if its spec says it. */
        public Builder loss(Loss loss) {
            settings.loss = loss.spec();
            return this;
        }

        /** Hidden layer widths; none gives softmax regression. */
        public Builder hiddenSizes(int... widths) {
            settings.hiddenSizes = widths.clone();
            return this;
        }

        /**
         * The output layer; {@link Head#COSINE} makes the last hidden layer a linear embedding.
         *
         * <pre>{@code
         * NdTrainer.builder().loss("am-softmax(scale=16, margin=0.35)").hiddenSizes(64, 2).head(NdTrainer.Head.COSINE).build();
         * }</pre>
         */
        public Builder head(Head head) {
            settings.head = head;
            return this;
        }

        /** The hidden layers' activation. */
        public Builder activation(Activation activation) {
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
            settings.optimiser = Optimiser.ADAM;
            settings.learningRate = learningRate;
            return this;
        }

        /** SGD with this learning rate and momentum (0 for none). */
        public Builder sgd(double learningRate, double momentum) {
            settings.optimiser = Optimiser.SGD;
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

        /** How each epoch samples the training examples. */
        public Builder sampling(Sampling sampling) {
            settings.sampling = sampling;
            return this;
        }

        /** Mixup with {@code λ ~ Beta(α, α)}; 0 turns it off. */
        public Builder mixup(double alpha) {
            settings.mixupAlpha = alpha;
            return this;
        }

        /** Post-hoc logit adjustment τ at prediction time; 0 turns it off. */
        public Builder postHocTau(double tau) {
            settings.postHocTau = tau;
            return this;
        }

        /**
         * The trainer.
         *
         * @throws IllegalArgumentException naming the first bad setting and its value
         */
        public NdTrainer build() {
            NdTrainer trainer = settings.copy();
            trainer.postConfig();
            return trainer;
        }
    }
}
