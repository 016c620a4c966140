package io.losslab.train;

import com.oracle.labs.mlrg.olcut.config.Config;
import io.losslab.data.MultiTaskData;
import io.losslab.loss.Loss;
import io.losslab.loss.Losses;
import io.losslab.loss.SquaredError;
import io.losslab.loss.Targets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains one network with a shared body and a linear head per task of a {@link MultiTaskData}:
 * a classification head (one output per class) with any single-label loss, or a regression head
 * (one output) with the squared error. The task losses are combined by the {@code weighting}
 * spec, parsed by {@link TaskWeighting}: {@code fixed}, {@code fixed(1, 0.1)}, {@code initial},
 * {@code prior}, {@code geometric-mean}, {@code generalised-mean(p=0.5)} or {@code uncertainty}.
 *
 * <pre>{@code
 * MultiTaskTrainer trainer = MultiTaskTrainer.builder().weighting("geometric-mean")
 *         .taskLoss("class", "focal(gamma=2)").hiddenSizes(32).epochs(20).seed(1).build();
 * MultiTaskModel model = trainer.train(train, validation, p -> System.out.println(p));
 * }</pre>
 *
 * <p>The network, optimiser and schedule settings are those of every LossLab network trainer
 * ({@link NetworkSettings}); every epoch is a shuffle of the training set. Deterministic for a
 * seed on a given backend and thread count: each call starts from the seed afresh.
 */
public final class MultiTaskTrainer extends NetworkSettings<MultiTaskTrainer> {

    /** The loss of a classification task that {@code taskLosses} does not name. */
    static final String DEFAULT_CLASS_LOSS = "ce";

    @Config(description = "How the task losses are combined: fixed, fixed(α_1, ..., α_n), initial, prior, "
            + "geometric-mean, generalised-mean(p=...) or uncertainty.")
    private String weighting = "fixed";

    @Config(description = "Loss spec by task name; a classification task not named takes ce, a regression task "
            + "takes squared-error, its only loss.")
    private Map<String, String> taskLosses = new LinkedHashMap<>();

    /** For OLCUT's configuration system. */
    private MultiTaskTrainer() {
    }

    /** A builder with the defaults: fixed weights of 1, ce per class task, a linear model, Adam 1e-3, 10 epochs, batch 128. */
    public static Builder builder() {
        return new Builder(new MultiTaskTrainer());
    }

    /** A builder that starts from this trainer's settings. */
    public Builder toBuilder() {
        return new Builder(copy());
    }

    @Override
    MultiTaskTrainer copy() {
        MultiTaskTrainer copy = copyNetworkSettingsTo(new MultiTaskTrainer());
        copy.weighting = weighting;
        copy.taskLosses = new LinkedHashMap<>(taskLosses);
        return copy;
    }

    @Override
    public void postConfig() {
        TaskWeighting.parse(weighting);
        taskLosses.forEach((task, spec) -> {
            if (!SquaredError.SPEC.equals(spec)) {
                requireClassLoss(task, spec);
            }
        });
        runSettings().check();
    }

    private static void requireClassLoss(String task, String spec) {
        Loss loss;
        try {
            loss = Losses.parse(spec);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("taskLosses of task '" + task + "' = " + spec + " is no loss: "
                    + e.getMessage(), e);
        }
        if (!loss.acceptedTargets().contains(Targets.Kind.CLASSES)) {
            throw new IllegalArgumentException("taskLosses of task '" + task + "' = " + spec
                    + " takes no single class per example, which a classification head needs");
        }
    }

    private RunSettings runSettings() {
        // Each task names its own loss, so the run's single loss spec stays empty.
        return runSettings(null, NdTrainer.Head.LINEAR, NdTrainer.Sampling.INSTANCE, 0, 0, 1);
    }

    /** Trains on {@code train} with no validation set. */
    public MultiTaskModel train(MultiTaskData train) {
        return train(train, null, MultiTaskListener.NONE);
    }

    /**
     * Trains on {@code train}, scoring every task on {@code validation} after each epoch and
     * reporting each epoch to {@code listener}.
     *
     * @param validation null for none; else it must have the tasks of {@code train}
     * @throws IllegalArgumentException if {@code train} has no examples or no task,
     *     {@code taskLosses} names a task it lacks or gives a regression task another loss than
     *     squared-error, {@code fixed(…)} has another number of weights than the tasks, or the
     *     validation set's tasks differ
     */
    public MultiTaskModel train(MultiTaskData train, MultiTaskData validation, MultiTaskListener listener) {
        TrainingData.requireExamples(TrainingData.TRAINING_SET, train.size());
        if (train.tasks().isEmpty()) {
            throw new IllegalArgumentException("train has no task; add one with withClassification or withRegression");
        }
        for (String task : taskLosses.keySet()) {
            if (!train.taskNames().contains(task)) {
                throw new IllegalArgumentException("taskLosses names task '" + task + "', which train lacks; its tasks "
                        + "are " + train.taskNames());
            }
        }
        TaskWeighting parsed = TaskWeighting.parse(weighting);
        parsed.requireTasks(train.tasks().size());
        List<TaskHead> heads = heads(train);
        if (validation != null) {
            requireSameTasks("validation", validation, heads);
        }
        MultiTaskObjective objective = new MultiTaskObjective(heads, train.tasks(), parsed);
        MultiTaskRun.Result trained = new MultiTaskRun(runSettings(), train, validation, objective, parsed,
                listener == null ? MultiTaskListener.NONE : listener, new SplittableRandom(seed())).train();
        return new MultiTaskModel(heads, objective, trained, toString());
    }

    private List<TaskHead> heads(MultiTaskData train) {
        List<TaskHead> heads = new ArrayList<>();
        int offset = 0;
        for (MultiTaskData.Task task : train.tasks()) {
            if (task.isClassification()) {
                String spec = taskLosses.getOrDefault(task.name(), DEFAULT_CLASS_LOSS);
                if (SquaredError.SPEC.equals(spec)) {
                    throw new IllegalArgumentException("taskLosses of task '" + task.name() + "' = " + spec
                            + " is for a regression task, but the task is a classification one");
                }
                heads.add(new TaskHead(task.name(), offset, task.classNames().size(), spec, task.classNames(),
                        task.classCounts()));
            } else {
                String spec = taskLosses.getOrDefault(task.name(), SquaredError.SPEC);
                if (!SquaredError.SPEC.equals(spec)) {
                    throw new IllegalArgumentException("taskLosses of task '" + task.name() + "' = " + spec
                            + " is no loss of a regression task, which takes only " + SquaredError.SPEC);
                }
                heads.add(new TaskHead(task.name(), offset, 1, spec, null, null));
            }
            offset += heads.get(heads.size() - 1).width();
        }
        return List.copyOf(heads);
    }

    /**
     * Refuses data whose tasks are not those of the heads: the same names, kinds and classes, in
     * the same order.
     *
     * @throws IllegalArgumentException naming {@code argument} and both lists of tasks
     */
    static void requireSameTasks(String argument, MultiTaskData data, List<TaskHead> heads) {
        boolean same = data.tasks().size() == heads.size();
        for (int t = 0; same && t < heads.size(); t++) {
            MultiTaskData.Task task = data.tasks().get(t);
            TaskHead head = heads.get(t);
            same = task.name().equals(head.name()) && task.isClassification() == head.isClassification()
                    && (!head.isClassification() || task.classNames().equals(head.classNames()));
        }
        if (!same) {
            throw new IllegalArgumentException(argument + " has tasks " + describe(data) + ", but the model's are "
                    + heads.stream().map(h -> h.name() + (h.isClassification() ? " " + h.classNames() : " (value)")).toList());
        }
    }

    private static List<String> describe(MultiTaskData data) {
        return data.tasks().stream()
                .map(t -> t.name() + (t.isClassification() ? " " + t.classNames() : " (value)")).toList();
    }

    /** The settings, as a spec-like line. */
    @Override
    public String toString() {
        return describe("weighting " + weighting + (taskLosses.isEmpty() ? "" : ", losses " + taskLosses),
                "linear heads", "", "");
    }

    /**
     * Builds a {@link MultiTaskTrainer}; every setter returns the builder, and {@link #build()}
     * checks the whole configuration.
     */
    public static final class Builder extends NetworkSettings.Builder<Builder, MultiTaskTrainer> {

        private Builder(MultiTaskTrainer settings) {
            super(settings);
        }

        @Override
        Builder self() {
            return this;
        }

        /** How the task losses are combined, by spec; see {@link MultiTaskTrainer}. */
        public Builder weighting(String spec) {
            settings.weighting = spec;
            return this;
        }

        /** The loss of one task, by spec: a single-label loss for a class task, squared-error for a value. */
        public Builder taskLoss(String task, String spec) {
            settings.taskLosses.put(task, spec);
            return this;
        }
    }
}
