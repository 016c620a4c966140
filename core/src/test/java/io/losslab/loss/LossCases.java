package io.losslab.loss;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every loss of the library, bound and ready to compute, with a generator of targets of the kind
 * it takes: the shared fixture of the tests that must cover all losses.
 */
final class LossCases {

    /** Training counts of a long-tailed four-class set, for losses that use the distribution. */
    static final long[] COUNTS = {400, 120, 30, 6};
    static final int NUM_CLASSES = COUNTS.length;

    /** A loss and how to draw targets for a batch of n examples. */
    record Case(String name, Loss loss, BiFunction<Random, Integer, Targets> targets) {
        @Override
        public String toString() {
            return name;
        }
    }

    private LossCases() {
    }

    /** Every loss, the spec-built ones bound to {@link #COUNTS}. */
    static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        for (Losses.LossInfo info : Losses.catalogue()) {
            Loss loss = Losses.parse(info.name()).withClassCounts(COUNTS);
            cases.add(new Case(info.name(), loss, targetsFor(loss)));
        }
        for (String spec : List.of("weighted-ce(scheme=uniform)", "weighted-ce(scheme=inverse-sqrt)",
                "weighted-ce(scheme=inverse, normalise=weights)",
                "weighted-ce(scheme=effective, beta=0.99)", "weighted-ce(weights=[1, 2, 3, 4])",
                "focal(gamma=0.5)", "focal(gamma=2, alpha=[0.25, 0.5, 1, 2])", "soft-truncation(k=4)",
                "dice(epsilon=0)",
                "logit-adjusted(tau=2)", "ldam(c=0.5, scale=10)", "ldam(c=0.5, scale=10, margins=rescaled)",
                "exact(sigma=0.3)", "emo(weight=0.3)", "flooding(b=0.1, loss=focal(gamma=2))", "flooding(b=100, loss=ce)")) {
            Loss loss = Losses.parse(spec).withClassCounts(COUNTS);
            cases.add(new Case(spec, loss, targetsFor(loss)));
        }
        Loss emoEmbedded = Losses.emo(0.5, new double[][] {{1, 0}, {0.9, 0.1}, {0, 1}, {-1, 0.2}});
        cases.add(new Case("emo with embeddings", emoEmbedded, targetsFor(emoEmbedded)));
        Loss diceMultiLabel = Losses.dice(1);
        cases.add(new Case("dice on multi-label targets", diceMultiLabel, LossCases::multiLabel));
        cases.add(new Case("zlpr-soft on soft targets", Losses.zlprSoft(), LossCases::soft));
        cases.add(new Case("sigmoid-ce on multi-label targets", Losses.sigmoidCe(), LossCases::multiLabel));
        cases.add(new Case("sigmoid-ce on soft targets", Losses.sigmoidCe(), LossCases::soft));
        cases.add(new Case("zlpr on multi-label targets", Losses.zlpr(), LossCases::multiLabel));
        cases.add(new Case("soft-truncation on soft targets", Losses.softTruncation(2), LossCases::soft));
        cases.add(new Case("dice on soft targets", Losses.dice(0.5), LossCases::soft));
        Loss floodedSigmoid = Losses.flooding(Losses.sigmoidCe(), 10);
        cases.add(new Case("flooding(b=10, loss=sigmoid-ce) on multi-label targets", floodedSigmoid, LossCases::multiLabel));
        return cases;
    }

    /** The natural targets of a loss: class indices if it takes them, else what it accepts. */
    static BiFunction<Random, Integer, Targets> targetsFor(Loss loss) {
        if (loss.acceptedTargets().contains(Targets.Kind.CLASSES)) {
            return LossCases::classes;
        }
        if (loss.acceptedTargets().contains(Targets.Kind.SCORES)) {
            return (random, n) -> Targets.scores(gaussian(random, n, NUM_CLASSES, 2, DataType.DOUBLE));
        }
        return LossCases::multiLabel;
    }

    static Targets classes(Random random, int n) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(NUM_CLASSES);
        }
        return Targets.classes(labels, NUM_CLASSES);
    }

    static Targets multiLabel(Random random, int n) {
        double[][] t = new double[n][NUM_CLASSES];
        for (double[] row : t) {
            for (int k = 0; k < NUM_CLASSES; k++) {
                row[k] = random.nextBoolean() ? 1 : 0;
            }
        }
        return Targets.multiLabel(Nd4j.createFromArray(t));
    }

    static Targets soft(Random random, int n) {
        double[][] t = new double[n][NUM_CLASSES];
        for (double[] row : t) {
            for (int k = 0; k < NUM_CLASSES; k++) {
                row[k] = random.nextDouble();
            }
        }
        return Targets.soft(Nd4j.createFromArray(t));
    }

    /** An n×k matrix of independent normal entries with the given spread. */
    static INDArray gaussian(Random random, int n, int k, double spread, DataType type) {
        double[][] values = new double[n][k];
        for (double[] row : values) {
            for (int j = 0; j < k; j++) {
                row[j] = spread * random.nextGaussian();
            }
        }
        return Nd4j.createFromArray(values).castTo(type);
    }
}
