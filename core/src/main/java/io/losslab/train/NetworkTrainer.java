package io.losslab.train;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import io.losslab.loss.Loss;
import io.losslab.loss.Losses;
import java.time.OffsetDateTime;
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
 * What {@link NdTrainer} and {@link MultiLabelTrainer} share beyond the {@link NetworkSettings}: the
 * loss, Tribuo's trainer contract, and the training call around {@link TrainingRun}. A subclass
 * adds its own settings, says which losses it takes and makes its model from what the loop
 * learned.
 *
 * @param <T> what the model predicts
 * @param <M> the model
 * @param <S> the trainer itself, so that copies and builders give back its own type
 */
abstract class NetworkTrainer<T extends Output<T>, M extends Model<T>, S extends NetworkTrainer<T, M, S>>
        extends NetworkSettings<S> implements Trainer<T> {

    @Config(description = "The LossLab loss spec, e.g. focal(gamma=2) or zlpr; it must take the trainer's kind of targets.")
    private String loss;

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

    /** Copies every shared setting, the loss and those of {@link NetworkSettings}, onto {@code copy}. */
    final S copySharedSettingsTo(S copy) {
        NetworkTrainer<T, M, S> to = copy; // private fields are not reachable through a type variable
        to.loss = loss;
        return copyNetworkSettingsTo(copy);
    }

    /**
     * Checks every setting; called by OLCUT after configuration and by the builder.
     *
     * @throws IllegalArgumentException naming the first bad setting and its value
     */
    @Override
    public void postConfig() {
        Loss parsed = Losses.parse(loss);
        runSettings().check();
        checkLoss(parsed);
    }

    /**
     * Refuses a loss that takes none of this trainer's targets, or that the other settings, each
     * valid on its own, cannot apply to.
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

    /**
     * Every setting but the seed, as the training loop reads them: what code outside LossLab's
     * loop needs to build the same network and optimiser.
     */
    public final RunSettings settings() {
        return runSettings();
    }

    /** The settings as the training loop reads them, given the ones a subclass adds. */
    final RunSettings runSettings(NdTrainer.Head head, NdTrainer.Sampling sampling, double mixupAlpha, double postHocTau,
            double sigmaAnneal) {
        return runSettings(loss, head, sampling, mixupAlpha, postHocTau, sigmaAnneal);
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
        Invocations.Invocation invocation = invocations.start(this, seed(), requestedInvocation);
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
        return describe(loss, linear, mlpExtras, schedule);
    }

    /**
     * The loss setters, for both trainers' builders, after those of {@link NetworkSettings.Builder}.
     *
     * @param <B> the builder itself
     * @param <S> the trainer it builds
     */
    abstract static class Builder<B extends Builder<B, S>, S extends NetworkTrainer<?, ?, S>>
            extends NetworkSettings.Builder<B, S> {

        Builder(S settings) {
            super(settings);
        }

        /** The loss, by spec. */
        public B loss(String spec) {
            NetworkTrainer<?, ?, S> shared = settings; // private fields are not reachable through a type variable
            shared.loss = spec;
            return self();
        }

        /** The loss, by its spec; a loss bound to class counts keeps its binding only if its spec says it. */
        public B loss(Loss loss) {
            return loss(loss.spec());
        }
    }
}
