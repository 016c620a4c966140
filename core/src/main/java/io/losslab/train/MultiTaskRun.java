package io.losslab.train;

import io.losslab.data.MultiTaskData;
import io.losslab.nn.Layout;
import io.losslab.nn.Mlp;
import io.losslab.nn.Optimiser;
import io.losslab.nn.Parameters;
import io.losslab.loss.Loss;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One call of {@link MultiTaskTrainer}: the shared network, its optimiser, the s_i of
 * {@code uncertainty} weighting with an optimiser of the same settings (Adam and SGD act on each
 * parameter alone, so this is the same as one optimiser over both), and the loop over epochs and
 * batches. Unlike {@link TrainingRun}, a batch has one loss per task, combined by the weighting.
 */
final class MultiTaskRun {

    /** What a finished run hands its trainer to build a model from. */
    record Result(Scoring scoring, List<MultiTaskProgress> history, double[] logSigmas) {
    }

    private final RunSettings settings;
    private final MultiTaskData train;
    private final MultiTaskData validation;
    private final MultiTaskObjective objective;
    private final TaskWeighting weighting;
    private final MultiTaskListener listener;
    private final Layout layout;
    private final Parameters parameters;
    private final Optimiser optimiser;
    private final INDArray features;
    private final BatchSampler sampler;
    private final SplittableRandom sampling;
    private final SplittableRandom dropoutRandom;
    private final BatchPasses passes;
    private final double[] logSigmas;
    /** The logits' gradient of the last batch size, rewritten by every batch of that size. */
    private float[] gradient;
    private final Optimiser logSigmaOptimiser;
    private final List<MultiTaskProgress> history = new ArrayList<>();

    /** @param validation scored after every epoch; null for none */
    MultiTaskRun(RunSettings settings, MultiTaskData train, MultiTaskData validation, MultiTaskObjective objective,
            TaskWeighting weighting, MultiTaskListener listener, SplittableRandom random) {
        this.settings = settings;
        this.train = train;
        this.validation = validation;
        this.objective = objective;
        this.weighting = weighting;
        this.listener = listener;
        this.layout = Layout.of(train.features().numColumns(), settings.hiddenSizes(), objective.totalWidth(), false);
        CallStreams streams = CallStreams.of(random);
        this.parameters = new Parameters(layout.initialParameters(streams.parameters()));
        this.passes = new BatchPasses(layout, settings, parameters);
        this.optimiser = settings.newOptimiser();
        optimiser.initialise(layout.parameterCount());
        this.features = train.features().toINDArray();
        this.sampler = new BatchSampler(train.size());
        this.sampling = streams.sampling();
        this.dropoutRandom = streams.dropout();
        int tasks = train.tasks().size();
        this.logSigmas = new double[tasks];
        this.logSigmaOptimiser = settings.newOptimiser();
        logSigmaOptimiser.initialise(tasks);
    }

    /** Runs every epoch, or until the thread is interrupted, and returns what was trained. */
    Result train() {
        long start = System.nanoTime();
        if (weighting.scheme() == TaskWeighting.Scheme.INITIAL) {
            // The whole training set rather than the first batch: a steadier start for every weight.
            objective.setReferences(scores(train).stream().mapToDouble(TaskScore::loss).toArray());
        } else if (weighting.scheme() == TaskWeighting.Scheme.PRIOR) {
            objective.setReferences(objective.priorLosses());
        }
        try (passes) {
            for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
                if (!runEpoch(epoch, start)) {
                    break;
                }
            }
        }
        return new Result(scoring(), List.copyOf(history), logSigmas.clone());
    }

    /** One epoch; false if the thread was interrupted before it ended. */
    private boolean runEpoch(int epoch, long start) {
        int batchSize = settings.batchSize();
        int size = train.size();
        int batches = (size + batchSize - 1) / batchSize;
        int tasks = logSigmas.length;
        double[] lossSums = new double[tasks];
        double[] weightSums = new double[tasks];
        double objectiveSum = 0;
        int[] order = sampler.epoch(sampling);
        for (int b = 0; b < batches; b++) {
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
            int from = b * batchSize;
            MultiTaskObjective.Step step = step(Arrays.copyOfRange(order, from, Math.min(from + batchSize, size)));
            objectiveSum += step.objective();
            for (int t = 0; t < tasks; t++) {
                lossSums[t] += step.losses()[t];
                weightSums[t] += step.weights()[t];
            }
        }
        List<TaskScore> validationScores = validation == null ? null : scores(validation);
        List<MultiTaskProgress.TaskEpoch> taskEpochs = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            taskEpochs.add(new MultiTaskProgress.TaskEpoch(train.tasks().get(t).name(), lossSums[t] / batches,
                    weightSums[t] / batches, validationScores == null ? null : validationScores.get(t)));
        }
        MultiTaskProgress progress = new MultiTaskProgress(epoch, settings.epochs(), objectiveSum / batches,
                List.copyOf(taskEpochs), (System.nanoTime() - start) / 1e9);
        history.add(progress);
        listener.epochFinished(progress);
        return true;
    }

    /** One batch: gather, forward, the tasks' losses and weights, backward, update. */
    private MultiTaskObjective.Step step(int[] rows) {
        Mlp pass = passes.forBatch(rows.length);
        pass.gather(features, rows);
        float[] logits = pass.forward(settings.dropout(), dropoutRandom).data().asFloat();
        if (gradient == null || gradient.length != logits.length) {
            gradient = new float[logits.length];
        }
        MultiTaskObjective.Step step = objective.compute(logits, rows, logSigmas, gradient);
        pass.backwardAndStep(gradient, parameters, optimiser);
        if (weighting.scheme() == TaskWeighting.Scheme.UNCERTAINTY) {
            stepLogSigmas(step.losses());
        }
        return step;
    }

    private void stepLogSigmas(double[] losses) {
        double[] gradient = TaskWeighting.logSigmaGradient(losses, logSigmas);
        float[] values = new float[logSigmas.length];
        float[] gradients = new float[logSigmas.length];
        for (int t = 0; t < values.length; t++) {
            values[t] = (float) logSigmas[t];
            gradients[t] = (float) gradient[t];
        }
        logSigmaOptimiser.step(values, gradients);
        for (int t = 0; t < values.length; t++) {
            logSigmas[t] = values[t];
        }
    }

    private List<TaskScore> scores(MultiTaskData data) {
        return objective.score(scoring().logits(data.features().toINDArray()).data().asFloat(), data);
    }

    private Scoring scoring() {
        // Only the logits are read, so the output activation, counts and τ are placeholders.
        return new Scoring(layout, settings.activation(), parameters.array(), Loss.Activation.SOFTMAX, new long[0], 0);
    }
}
