package io.losslab.train;

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import io.losslab.data.MultiLabelData;
import io.losslab.loss.Loss;
import io.losslab.loss.Losses;
import io.losslab.loss.Targets;
import java.util.Map;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tribuo.Dataset;
import org.tribuo.Trainer;
import org.tribuo.multilabel.MultiLabel;

/**
 * Trains softmax regression or an MLP with one output per label and a multi-label loss
 * ({@code zlpr}, {@code zlpr-soft}, {@code sigmoid-ce}, ...), as a Tribuo {@link Trainer} of
 * {@link MultiLabel}s. The model predicts label l when its logit is positive, so losses are
 * compared at their natural threshold, with nothing tuned after training.
 *
 * <pre>{@code
 * MultiLabelTrainer trainer = MultiLabelTrainer.builder().loss("zlpr").hiddenSizes(64).epochs(20).seed(1).build();
 * MultiLabelMetrics m = MultiLabelMetrics.of(trainer.train(train).predictions(test));
 * }</pre>
 *
 * <p>It runs the same loop as {@link NdTrainer} (same network, optimisers and listener), with
 * every epoch a shuffle of the training set. Soft targets, such as smoothed labels, are given as
 * a matrix in place of the data's own: {@code trainer.withLoss("zlpr-soft").train(train, soft)}.
 * Deterministic for a seed on a given backend and thread count.
 */
public final class MultiLabelTrainer extends NetworkTrainer<MultiLabel, MultiLabelModel, MultiLabelTrainer> {

    /** For OLCUT's configuration system. */
    private MultiLabelTrainer() {
        super(MultiLabelModel.class, "zlpr");
    }

    /** A builder with the defaults: zlpr, a linear model, Adam 1e-3, 10 epochs, batch 128. */
    public static Builder builder() {
        return new Builder(new MultiLabelTrainer());
    }

    /** A builder that starts from this trainer's settings. */
    @Override
    public Builder toBuilder() {
        return new Builder(copy());
    }

    @Override
    MultiLabelTrainer copy() {
        return copySharedSettingsTo(new MultiLabelTrainer());
    }

    @Override
    void checkLoss(Loss parsed) {
        if (!parsed.acceptedTargets().contains(Targets.Kind.MULTI_LABEL)) {
            throw new IllegalArgumentException("loss = " + loss() + " takes no multi-label targets, so it cannot train "
                    + "a multi-label model; the losses that can are: " + lossesTaking(Targets.Kind.MULTI_LABEL));
        }
    }

    private static String lossesTaking(Targets.Kind kind) {
        return Losses.catalogue().stream().map(Losses.LossInfo::name)
                .filter(name -> Losses.parse(name).acceptedTargets().contains(kind)).collect(Collectors.joining(", "));
    }

    @Override
    RunSettings runSettings() {
        return runSettings(NdTrainer.Head.LINEAR, NdTrainer.Sampling.INSTANCE, 0, 0, 1);
    }

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
        if (data.kind() == Targets.Kind.SOFT && !Losses.parse(loss()).acceptedTargets().contains(Targets.Kind.SOFT)) {
            throw new IllegalArgumentException("loss = " + loss() + " takes no soft targets; the losses that do are: "
                    + lossesTaking(Targets.Kind.SOFT));
        }
        return run(data, listener, Map.of(), INCREMENT_INVOCATION_COUNT);
    }

    private MultiLabelModel run(MultiLabelSupervision data, TrainingListener listener,
            Map<String, Provenance> runProvenance, int requestedInvocation) {
        return run(data, data.provenance(), listener, runProvenance, requestedInvocation,
                (provenance, trained) -> new MultiLabelModel(provenance, data, trained));
    }

    /** The settings, as a spec-like line. */
    @Override
    public String toString() {
        return describe("linear", "", "");
    }

    /**
     * Builds a {@link MultiLabelTrainer}; every setter returns the builder, and {@link #build()}
     * checks the whole configuration.
     *
     * <pre>{@code
     * MultiLabelTrainer t = MultiLabelTrainer.builder().loss("sigmoid-ce").hiddenSizes(64).adam(1e-3).build();
     * }</pre>
     */
    public static final class Builder extends NetworkTrainer.Builder<Builder, MultiLabelTrainer> {

        private Builder(MultiLabelTrainer settings) {
            super(settings);
        }

        @Override
        Builder self() {
            return this;
        }
    }
}
