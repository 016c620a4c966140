package io.losslab.train;

import io.losslab.data.Predictions;
import io.losslab.loss.Loss;
import io.losslab.loss.Losses;
import io.losslab.loss.Reduction;
import io.losslab.loss.Targets;
import io.losslab.nn.Layout;
import io.losslab.nn.Mlp;
import io.losslab.nn.Optimiser;
import io.losslab.nn.Parameters;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One call of a trainer, single- or multi-label: the parameters, their optimiser state, the batch
 * buffers, and the loop over epochs and batches. What the examples' targets are, and whether there
 * is a validation set, comes from the {@link Supervision}.
 */
final class TrainingRun {

    /** What a finished run hands its trainer to build a model from. */
    record Result(Scoring scoring, String lossSpec, TrainingHistory history) {
    }

    private final RunSettings settings;
    private final Supervision data;
    private final TrainingListener listener;
    private final Layout layout;
    /** The loss as configured; an epoch may train with its noise scale annealed. */
    private final Loss loss;
    private final Parameters parameters;
    private final Optimiser optimiser;
    private final BatchSampler sampler;
    private final Mixup mixup;
    private final SplittableRandom sampling;
    private final SplittableRandom dropoutRandom;
    private final BatchPasses passes;
    private final double[] epochLosses;
    private final double[] validationBalancedAccuracy;
    private final double[] validationLosses;
    private long batchesDone;
    private boolean interrupted;

    TrainingRun(RunSettings settings, Supervision data, TrainingListener listener, SplittableRandom random) {
        this.settings = settings;
        this.data = data;
        this.listener = listener;
        this.layout = Layout.of((int) data.features().columns(), settings.hiddenSizes(), data.outputs(),
                settings.head() == NdTrainer.Head.COSINE);
        this.loss = Losses.parse(settings.loss()).withClassCounts(data.counts());
        CallStreams streams = CallStreams.of(random);
        this.parameters = new Parameters(layout.initialParameters(streams.parameters()));
        this.passes = new BatchPasses(layout, settings, parameters);
        this.optimiser = settings.newOptimiser();
        optimiser.initialise(layout.parameterCount());
        this.sampler = data.sampler(settings.sampling());
        this.mixup = settings.mixupAlpha() > 0 ? new Mixup(settings.mixupAlpha()) : null;
        this.sampling = streams.sampling();
        this.dropoutRandom = streams.dropout();
        this.epochLosses = new double[settings.epochs()];
        this.validationBalancedAccuracy = new double[settings.epochs()];
        Arrays.fill(validationBalancedAccuracy, Double.NaN);
        this.validationLosses = new double[settings.epochs()];
        Arrays.fill(validationLosses, Double.NaN);
    }

    /** Runs every epoch, or until the thread is interrupted, and returns what was trained. */
    Result train() {
        long start = System.nanoTime();
        int epochsDone = 0;
        try (passes) {
            while (epochsDone < settings.epochs() && runEpoch(epochsDone + 1, start)) {
                epochsDone++;
            }
        }
        TrainingHistory history = new TrainingHistory(Arrays.copyOf(epochLosses, epochsDone),
                Arrays.copyOf(validationBalancedAccuracy, epochsDone), Arrays.copyOf(validationLosses, epochsDone), batchesDone, interrupted, seconds(start));
        return new Result(scoring(), loss.spec(), history);
    }

    /** One epoch; false if the thread was interrupted before it ended. */
    private boolean runEpoch(int epoch, long start) {
        int batchSize = settings.batchSize();
        int size = (int) data.features().rows();
        int batchesPerEpoch = (size + batchSize - 1) / batchSize;
        int[] order = sampler.epoch(sampling);
        Loss epochLoss = lossOfEpoch(epoch);
        double lossSum = 0;
        for (int b = 0; b < batchesPerEpoch; b++) {
            if (Thread.currentThread().isInterrupted()) {
                interrupted = true;
                return false;
            }
            int from = b * batchSize;
            double batchLoss = step(epochLoss, Arrays.copyOfRange(order, from, Math.min(from + batchSize, order.length)),
                    epoch, b + 1);
            lossSum += batchLoss;
            batchesDone++;
            listener.batchFinished(new BatchProgress(epoch, b + 1, batchesPerEpoch, batchLoss, seconds(start)));
        }
        epochLosses[epoch - 1] = lossSum / batchesPerEpoch;
        Scoring.Evaluation evaluation = data.validate(scoring());
        Predictions validation = evaluation == null ? null : evaluation.predictions();
        if (evaluation != null) {
            validationBalancedAccuracy[epoch - 1] = validation.balancedAccuracy();
            validationLosses[epoch - 1] = evaluation.crossEntropy();
        }
        listener.epochFinished(new EpochProgress(epoch, settings.epochs(), epochLosses[epoch - 1], seconds(start),
                validation, validationLosses[epoch - 1]));
        return true;
    }

    /** The loss to train {@code epoch} with: the configured one, its noise scale annealed if the settings say so. */
    private Loss lossOfEpoch(int epoch) {
        return settings.sigmaAnneal() == 1 ? loss : loss.withNoiseScaled(settings.noiseScaleOfEpoch(epoch));
    }

    /** One batch: gather, forward, loss, backward, update. Returns the batch loss. */
    private double step(Loss epochLoss, int[] rows, int epoch, int batch) {
        Mlp pass = passes.forBatch(rows.length);
        pass.gather(data.features(), rows);
        Targets targets = data.targets(rows);
        double value;
        if (mixup == null) {
            INDArray logits = pass.forward(settings.dropout(), dropoutRandom);
            value = stoppedAt(epoch, batch, () -> epochLoss.compute(logits, targets, Reduction.MEAN, pass.logitGradient()));
        } else {
            value = mixedStep(epochLoss, pass, rows, targets, epoch, batch);
        }
        pass.backwardAndStep(parameters, optimiser);
        return value;
    }

    /**
     * Mixup as Zhang et al. implement it: each example is mixed with another of the same batch
     * (a random permutation of it), and the loss with the two targets is mixed in the same
     * proportion. The mixed gradient is left in the pass's logit gradient. Returns the batch loss.
     */
    private double mixedStep(Loss epochLoss, Mlp pass, int[] rows, Targets targets, int epoch, int batch) {
        double lambda = mixup.nextLambda(sampling);
        int[] partners = rows.clone();
        for (int i = partners.length - 1; i > 0; i--) {
            int j = sampling.nextInt(i + 1);
            int swap = partners[i];
            partners[i] = partners[j];
            partners[j] = swap;
        }
        pass.mixWith(data.features(), partners, lambda);
        INDArray logits = pass.forward(settings.dropout(), dropoutRandom);
        Targets partnerTargets = data.targets(partners);
        return stoppedAt(epoch, batch,
                () -> mixup.loss(epochLoss, logits, targets, partnerTargets, lambda, pass.logitGradient()));
    }

    /** The loss computed by {@code lossCall}; a refusal says at which batch training stopped. */
    private static <T> T stoppedAt(int epoch, int batch, Supplier<T> lossCall) {
        try {
            return lossCall.get();
        } catch (IllegalArgumentException e) {
            // Most likely the logits diverged; say where, so the learning rate can be lowered.
            throw new IllegalStateException("training stopped at epoch " + epoch + ", batch " + batch + ": "
                    + e.getMessage(), e);
        }
    }

    private Scoring scoring() {
        return new Scoring(layout, settings.activation(), parameters.array(), loss.activation(), data.counts(),
                settings.postHocTau());
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
