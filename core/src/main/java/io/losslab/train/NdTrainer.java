package io.losslab.train;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import io.losslab.data.LabeledData;
import io.losslab.loss.Loss;
import io.losslab.loss.Targets;
import java.util.Locale;
import java.util.Map;
import org.tribuo.Dataset;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;

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
 * <p>With {@code exact}, whose prediction is smoothed by noise of scale σ, {@code sigmaAnneal}
 * shrinks σ over the epochs, as Karpukhin et al. do: the loss starts smooth and ends close to the
 * 0/1 error it stands for.
 *
 * <pre>{@code
 * NdTrainer.builder().loss("exact(sigma=1)").sigmaAnneal(0.1).epochs(20).build();
 * }</pre>
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
public final class NdTrainer extends NetworkTrainer<Label, NdModel, NdTrainer> {

    /** The hidden layers' activation. */
    public enum Activation {
        /** {@code max(0, x)}. */
        RELU,
        /** The Gaussian error linear unit in its sigmoid form {@code x·σ(1.702x)} (PyTorch's default is the erf form). */
        GELU;

        /** The same activation as the network package names it. */
        io.losslab.nn.Activation network() {
            return io.losslab.nn.Activation.valueOf(name());
        }
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

    @Config(description = "The output layer: LINEAR logits, or COSINE similarities to class directions (needs a hidden layer).")
    private Head head = Head.LINEAR;

    @Config(description = "How each epoch samples the training examples.")
    private Sampling sampling = Sampling.INSTANCE;

    @Config(description = "Mixup's α > 0 (λ ~ Beta(α, α)); 0 turns mixup off.")
    private double mixupAlpha = 0;

    @Config(description = "Post-hoc logit adjustment τ >= 0 applied at prediction time; 0 leaves the logits as they are.")
    private double postHocTau = 0;

    @Config(description = "The fraction in (0, 1] of the loss's noise scale σ (exact's) left in the last epoch, "
            + "shrunk by the same factor each epoch; 1 keeps σ.")
    private double sigmaAnneal = 1;

    /** For OLCUT's configuration system. */
    private NdTrainer() {
        super(NdModel.class, "ce");
    }

    /** A builder with the defaults: ce, softmax regression, Adam 1e-3, 10 epochs, batch 128. */
    public static Builder builder() {
        return new Builder(new NdTrainer());
    }

    /** A builder that starts from this trainer's settings. */
    @Override
    public Builder toBuilder() {
        return new Builder(copy());
    }

    @Override
    NdTrainer copy() {
        NdTrainer t = copySharedSettingsTo(new NdTrainer());
        t.head = head;
        t.sampling = sampling;
        t.mixupAlpha = mixupAlpha;
        t.postHocTau = postHocTau;
        t.sigmaAnneal = sigmaAnneal;
        return t;
    }

    @Override
    void checkLoss(Loss parsed) {
        if (!parsed.acceptedTargets().contains(Targets.Kind.CLASSES)) {
            throw new IllegalArgumentException("loss = " + loss() + " takes no single-label targets, so it cannot train a classifier");
        }
        if (sigmaAnneal != 1) {
            try {
                parsed.withNoiseScaled(sigmaAnneal);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("sigmaAnneal = " + sigmaAnneal + " anneals the loss's noise scale, but "
                        + e.getMessage(), e);
            }
        }
    }

    @Override
    RunSettings runSettings() {
        return runSettings(head, sampling, mixupAlpha, postHocTau, sigmaAnneal);
    }

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
        return run(new SingleLabelSupervision(data, validation), data.provenance(), listener, runProvenance,
                requestedInvocation, (provenance, trained) ->
                        new NdModel(provenance, data, trained.scoring(), trained.lossSpec(), trained.history()));
    }

    /** The settings, as a spec-like line. */
    @Override
    public String toString() {
        return describe("softmax regression", head == Head.COSINE ? ", cosine head" : "",
                ", " + sampling.name().toLowerCase(Locale.ROOT).replace('_', '-') + " sampling"
                        + (mixupAlpha > 0 ? ", mixup α " + mixupAlpha : "")
                        + (postHocTau > 0 ? ", post-hoc τ " + postHocTau : "")
                        + (sigmaAnneal != 1 ? ", σ annealed to " + sigmaAnneal + " of it" : ""));
    }

    /**
     * Builds an {@link NdTrainer}; every setter returns the builder, and {@link #build()} checks
     * the whole configuration.
     *
     * <pre>{@code
     * NdTrainer t = NdTrainer.builder().loss("focal(gamma=2)").sgd(0.1, 0.9).epochs(30).seed(7).build();
     * }</pre>
     */
    public static final class Builder extends NetworkTrainer.Builder<Builder, NdTrainer> {

        private Builder(NdTrainer settings) {
            super(settings);
        }

        @Override
        Builder self() {
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
         * Anneals the noise scale σ of the loss ({@code exact}'s) from its spec value in the first
         * epoch to {@code fraction} of it in the last, by the same factor each epoch; 1 keeps σ.
         *
         * <pre>{@code
         * NdTrainer.builder().loss("exact(sigma=1)").sigmaAnneal(0.1).epochs(20).build();
         * }</pre>
         */
        public Builder sigmaAnneal(double fraction) {
            settings.sigmaAnneal = fraction;
            return this;
        }
    }
}
