package io.losslab.train;

import io.losslab.data.MultiTaskData;
import io.losslab.loss.Loss;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The combined loss of a batch of a multi-task network: each head's loss on its slice of the
 * outputs, the weights α_i of the {@link TaskWeighting} from those losses (gradient stopped), and
 * the gradient of the outputs, each head's slice its loss gradient times α_i.
 */
final class MultiTaskObjective {

    /** One batch's result: per-task losses and weights, and the objective the weights are the gradient of. */
    record Step(double[] losses, double[] weights, double objective) {
    }

    private final List<TaskHead> heads;
    private final List<MultiTaskData.Task> tasks;
    private final Loss[] losses;
    private final TaskWeighting weighting;
    private final int totalWidth;
    private double[] references;

    /** @param tasks the training targets, in the order of the heads */
    MultiTaskObjective(List<TaskHead> heads, List<MultiTaskData.Task> tasks, TaskWeighting weighting) {
        this.heads = heads;
        this.tasks = tasks;
        this.weighting = weighting;
        this.losses = heads.stream().map(TaskHead::loss).toArray(Loss[]::new);
        TaskHead last = heads.get(heads.size() - 1);
        this.totalWidth = last.offset() + last.width();
    }

    /** The heads' outputs side by side: the width of the output layer. */
    int totalWidth() {
        return totalWidth;
    }

    /** The reference losses that {@code initial} and {@code prior} divide by. */
    void setReferences(double[] references) {
        this.references = references.clone();
    }

    /** Each head's loss if the model predicted only the training distribution; see {@link TaskHead#priorLoss}. */
    double[] priorLosses() {
        double[] prior = new double[heads.size()];
        for (int t = 0; t < prior.length; t++) {
            prior[t] = heads.get(t).priorLoss(losses[t], tasks.get(t));
        }
        return prior;
    }

    /**
     * The losses of the outputs {@code logits} of training rows {@code rows} (row-major,
     * {@link #totalWidth()} to a row), with the combined gradient written into {@code gradient}.
     *
     * @param logSigmas the s_i of {@code uncertainty}; ignored by the other schemes
     */
    Step compute(float[] logits, int[] rows, double[] logSigmas, float[] gradient) {
        int n = heads.size();
        double[] taskLosses = new double[n];
        float[][] headGradients = new float[n][];
        for (int t = 0; t < n; t++) {
            TaskHead head = heads.get(t);
            headGradients[t] = new float[rows.length * head.width()];
            taskLosses[t] = head.compute(losses[t], head.slice(logits, rows.length, totalWidth), tasks.get(t), rows,
                    headGradients[t]);
        }
        double[] weights = weighting.weights(taskLosses, references, logSigmas);
        for (int t = 0; t < n; t++) {
            heads.get(t).scatter(headGradients[t], weights[t], gradient, rows.length, totalWidth);
        }
        return new Step(taskLosses, weights, weighting.objective(taskLosses, references, logSigmas));
    }

    /** Every head's loss and metric, from the outputs of every example of {@code data}. */
    List<TaskScore> score(float[] logits, MultiTaskData data) {
        int rows = data.size();
        return IntStream.range(0, heads.size())
                .mapToObj(t -> heads.get(t).score(losses[t], heads.get(t).slice(logits, rows, totalWidth),
                        data.tasks().get(t)))
                .toList();
    }
}
