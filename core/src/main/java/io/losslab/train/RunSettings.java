package io.losslab.train;

import io.losslab.nn.Adam;
import io.losslab.nn.Optimiser;
import io.losslab.nn.Sgd;

/**
 * The settings the training loop reads, whichever trainer made them, and the checks they share:
 * each trainer checks its loss, then calls {@link #check()}, so a bad setting is refused with the
 * same sentence by both.
 *
 * <p>Public so that code outside the trainers can rebuild the network a trainer describes, as the
 * Deeplearning4j module does; {@link NetworkTrainer#settings()} gives a trainer's.
 *
 * @param loss         the loss spec
 * @param hiddenSizes  widths of the hidden layers
 * @param head         what the output layer computes from the last hidden layer
 * @param activation   the hidden layers' activation
 * @param dropout      the probability of dropping a hidden unit
 * @param optimiser    how parameters follow the gradient
 * @param learningRate the step size
 * @param momentum     SGD's momentum
 * @param weightDecay  L2 weight decay
 * @param epochs       passes over the training set
 * @param batchSize    examples per batch
 * @param sampling     how an epoch draws its examples
 * @param mixupAlpha   mixup's α, 0 for none
 * @param postHocTau   post-hoc logit adjustment τ at prediction time, 0 for none
 * @param sigmaAnneal  the fraction of the loss's noise scale σ left in the last epoch, 1 for none
 * @param threads      the most threads one training runs on (see {@link io.losslab.nn.Workers})
 */
public record RunSettings(String loss, int[] hiddenSizes, NdTrainer.Head head, NdTrainer.Activation activation, double dropout,
        NdTrainer.Optimiser optimiser, double learningRate, double momentum, double weightDecay, int epochs,
        int batchSize, NdTrainer.Sampling sampling, double mixupAlpha, double postHocTau, double sigmaAnneal,
        int threads) {

    /** Widths of the hidden layers, a copy. */
    @Override
    public int[] hiddenSizes() {
        return hiddenSizes.clone();
    }

    /**
     * Checks every setting but the loss.
     *
     * @throws IllegalArgumentException naming the first bad setting and its value
     */
    void check() {
        for (int i = 0; i < hiddenSizes.length; i++) {
            requireAtLeast("hiddenSizes[" + i + "]", hiddenSizes[i], 1);
        }
        requireNonNull("head", head);
        if (head == NdTrainer.Head.COSINE && hiddenSizes.length == 0) {
            throw new IllegalArgumentException("head = COSINE needs at least one hidden layer as its embedding, but hiddenSizes is empty");
        }
        requireNonNull("activation", activation);
        requireNonNull("optimiser", optimiser);
        requireNonNull("sampling", sampling);
        requireInRange("dropout", dropout, 0, 1);
        requireInRange("momentum", momentum, 0, 1);
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be a finite number > 0, but is " + learningRate);
        }
        requireFiniteNonNegative("weightDecay", weightDecay);
        requireFiniteNonNegative("mixupAlpha", mixupAlpha);
        requireFiniteNonNegative("postHocTau", postHocTau);
        if (!(sigmaAnneal > 0 && sigmaAnneal <= 1)) {
            throw new IllegalArgumentException("sigmaAnneal must be in (0, 1], but is " + sigmaAnneal);
        }
        requireAtLeast("epochs", epochs, 1);
        requireAtLeast("batchSize", batchSize, 1);
        requireAtLeast("threads", threads, 1);
    }

    /**
     * What the loss's noise scale σ is multiplied by in {@code epoch} (from 1): 1 in the first
     * epoch and {@code sigmaAnneal} in the last, geometrically in between, so that each epoch
     * shrinks σ by the same factor — the steps of a σ that spans orders of magnitude. A single
     * epoch keeps σ.
     */
    double noiseScaleOfEpoch(int epoch) {
        return epochs == 1 ? 1 : Math.pow(sigmaAnneal, (epoch - 1) / (double) (epochs - 1));
    }

    /** A fresh optimiser of these settings, not yet initialised. */
    Optimiser newOptimiser() {
        return optimiser == NdTrainer.Optimiser.ADAM ? new Adam(learningRate, weightDecay)
                : new Sgd(learningRate, momentum, weightDecay);
    }

    private static void requireAtLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", but is " + value);
        }
    }

    private static void requireInRange(String name, double value, double from, double below) {
        if (!(value >= from && value < below)) {
            throw new IllegalArgumentException(name + " must be in [" + from + ", " + below + "), but is " + value);
        }
    }

    private static void requireFiniteNonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, but is " + value);
        }
    }

    private static void requireNonNull(String name, Object value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must be given, but is null");
        }
    }
}
