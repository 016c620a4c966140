package io.losslab.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Features with several named targets per example, for a network with one head per task: each
 * task holds either a class per example (classification) or a real value per example
 * (regression). Immutable; every {@code with...} returns a new dataset with one task more.
 *
 * <pre>{@code
 * LabeledData points = GaussianClasses.isotropic(means, 1, priors).sample(2000, 1);
 * MultiTaskData data = MultiTaskData.of(points, "class").withRegression("distance", distances);
 * }</pre>
 */
public final class MultiTaskData {

    private final FeatureMatrix features;
    private final List<Task> tasks;
    private final String source;

    private MultiTaskData(FeatureMatrix features, List<Task> tasks, String source) {
        this.features = features;
        this.tasks = List.copyOf(tasks);
        this.source = source;
    }

    /** The features of {@code source} with no task yet. */
    public static MultiTaskData of(FeatureMatrix features, String source) {
        return new MultiTaskData(features, List.of(), source);
    }

    /** The features of a classification dataset, with its labels as the classification task {@code taskName}. */
    public static MultiTaskData of(LabeledData data, String taskName) {
        return of(data.features(), data.source()).withClassification(taskName, data.labels(), data.classNames());
    }

    /**
     * This dataset with a classification task more; the labels are copied.
     *
     * @throws IllegalArgumentException if the name is taken or blank, the labels and rows differ
     *     in number, a label is outside the classes, or the class names are empty or repeat
     */
    public MultiTaskData withClassification(String name, int[] labels, List<String> classNames) {
        // LabeledData checks labels against rows and class names, in the same words.
        LabeledData checked = LabeledData.of(features, labels, classNames, source);
        return with(new Task(requireNewName(name), checked.labels(), checked.classNames(), null));
    }

    /**
     * This dataset with a regression task more; the values are copied.
     *
     * @throws IllegalArgumentException if the name is taken or blank, the values and rows differ
     *     in number, or a value is not finite
     */
    public MultiTaskData withRegression(String name, double[] values) {
        if (values.length != features.numRows()) {
            throw new IllegalArgumentException("values of task '" + name + "' has " + values.length + " entries for "
                    + features.numRows() + " feature rows");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("values[" + i + "] of task '" + name + "' = " + values[i]
                        + " is not a finite number");
            }
        }
        return with(new Task(requireNewName(name), null, null, values.clone()));
    }

    private String requireNewName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a task name must not be blank, but is '" + name + "'");
        }
        if (tasks.stream().anyMatch(t -> t.name().equals(name))) {
            throw new IllegalArgumentException("task name '" + name + "' is taken already; the tasks are " + taskNames());
        }
        return name;
    }

    private MultiTaskData with(Task task) {
        List<Task> more = new ArrayList<>(tasks);
        more.add(task);
        return new MultiTaskData(features, more, source);
    }

    /** The given examples, in the given order, with every task. */
    public MultiTaskData subset(int[] rows, String newSource) {
        List<Task> selected = new ArrayList<>();
        for (Task task : tasks) {
            selected.add(task.select(rows));
        }
        return new MultiTaskData(features.selectRows(rows), selected, newSource);
    }

    /** The number of examples N. */
    public int size() {
        return features.numRows();
    }

    /** The N×D features. */
    public FeatureMatrix features() {
        return features;
    }

    /** The tasks, in the order they were added: the order of the network's heads. */
    public List<Task> tasks() {
        return tasks;
    }

    /** The task names, in order. */
    public List<String> taskNames() {
        return tasks.stream().map(Task::name).toList();
    }

    /** Where the data came from. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return source + ": " + size() + " examples, " + features.numColumns() + " features, tasks " + taskNames();
    }

    /**
     * One task's targets: class labels with their names, or real values; the arrays are shared,
     * not to be modified.
     *
     * @param name       the task's name
     * @param labels     one class index per example; null for a regression task
     * @param classNames the class names by index; null for a regression task
     * @param values     one value per example; null for a classification task
     */
    public record Task(String name, int[] labels, List<String> classNames, double[] values) {

        /** Whether the task predicts a class (else a real value). */
        public boolean isClassification() {
            return labels != null;
        }

        /** Examples per class; classification tasks only. */
        public long[] classCounts() {
            long[] counts = new long[classNames.size()];
            for (int label : labels) {
                counts[label]++;
            }
            return counts;
        }

        private Task select(int[] rows) {
            if (isClassification()) {
                int[] selected = new int[rows.length];
                Arrays.setAll(selected, i -> labels[rows[i]]);
                return new Task(name, selected, classNames, null);
            }
            double[] selected = new double[rows.length];
            Arrays.setAll(selected, i -> values[rows[i]]);
            return new Task(name, null, null, selected);
        }
    }
}
