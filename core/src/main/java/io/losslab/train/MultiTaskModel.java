package io.losslab.train;

import io.losslab.data.FeatureMatrix;
import io.losslab.data.MultiTaskData;
import java.util.List;

/**
 * A trained multi-task network: one shared body, one head per task. It predicts each task's
 * classes or values and scores every task on a dataset with the same tasks.
 *
 * <pre>{@code
 * MultiTaskModel model = trainer.train(train, validation, MultiTaskListener.NONE);
 * model.evaluate(test).forEach(System.out::println);   // per task: loss and balanced accuracy or R²
 * int[] classes = model.predictClasses("class", test.features());
 * }</pre>
 */
public final class MultiTaskModel {

    private final Scoring scoring;
    private final List<TaskHead> heads;
    private final MultiTaskObjective objective;
    private final MultiTaskRun.Result trained;
    private final String description;

    MultiTaskModel(List<TaskHead> heads, MultiTaskObjective objective, MultiTaskRun.Result trained,
            String description) {
        this.scoring = trained.scoring();
        this.heads = heads;
        this.objective = objective;
        this.trained = trained;
        this.description = description;
    }

    /** The tasks, in the order of the heads. */
    public List<String> taskNames() {
        return heads.stream().map(TaskHead::name).toList();
    }

    /**
     * The predicted class of each row of {@code features} for a classification task.
     *
     * @throws IllegalArgumentException if there is no such classification task
     */
    public int[] predictClasses(String task, FeatureMatrix features) {
        TaskHead head = head(task, true);
        float[] slice = head.slice(logits(features), features.numRows(), objective.totalWidth());
        int[] classes = new int[features.numRows()];
        for (int i = 0; i < classes.length; i++) {
            for (int c = 1; c < head.width(); c++) {
                if (slice[i * head.width() + c] > slice[i * head.width() + classes[i]]) {
                    classes[i] = c;
                }
            }
        }
        return classes;
    }

    /**
     * The predicted value of each row of {@code features} for a regression task.
     *
     * @throws IllegalArgumentException if there is no such regression task
     */
    public double[] predictValues(String task, FeatureMatrix features) {
        TaskHead head = head(task, false);
        float[] slice = head.slice(logits(features), features.numRows(), objective.totalWidth());
        double[] values = new double[slice.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = slice[i];
        }
        return values;
    }

    /**
     * Each task's loss and metric on {@code data}: balanced accuracy for a classification task, R²
     * for a regression task.
     *
     * @throws IllegalArgumentException unless {@code data} has the training set's tasks
     */
    public List<TaskScore> evaluate(MultiTaskData data) {
        MultiTaskTrainer.requireSameTasks("data", data, heads);
        return objective.score(logits(data.features()), data);
    }

    /** Each epoch's progress, as the listener heard it. */
    public List<MultiTaskProgress> history() {
        return trained.history();
    }

    /** The learned log σ_i of {@code uncertainty} weighting, by task; zeros for the other schemes. */
    public double[] logSigmas() {
        return trained.logSigmas().clone();
    }

    private float[] logits(FeatureMatrix features) {
        return scoring.logits(features.toINDArray()).data().asFloat();
    }

    private TaskHead head(String task, boolean classification) {
        return heads.stream().filter(h -> h.name().equals(task) && h.isClassification() == classification).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("task '" + task + "' is no "
                        + (classification ? "classification" : "regression") + " task of this model; its tasks are "
                        + taskNames()));
    }

    /** The trainer's settings that made it. */
    @Override
    public String toString() {
        return "MultiTaskModel of " + description;
    }
}
