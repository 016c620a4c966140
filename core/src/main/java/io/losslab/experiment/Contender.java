package io.losslab.experiment;

import io.losslab.data.LabeledData;
import io.losslab.data.Predictions;
import io.losslab.eval.Format;
import io.losslab.loss.ClassWeights;
import io.losslab.loss.Losses;
import io.losslab.loss.TribuoLossObjective;
import io.losslab.train.ExampleWeights;
import io.losslab.train.NdModel;
import java.io.Serializable;
import java.util.function.Function;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.optimisers.AdaGrad;

/**
 * One row of a {@link Comparison}: what to train and how, with the row's name.
 *
 * <pre>{@code
 * Contender focal = Contender.loss("focal(gamma=2)");              // the comparison's ND4J model
 * Contender adjusted = Contender.postHoc("ce", 1.0);              // ce, predicted with τ = 1
 * Contender linear = Contender.tribuoLinear("logit-adjusted(tau=1)");
 * Contender dl4j = Contender.trained("dl4j logit-adjusted", test -> Dl4jPredictions.of(network, test, counts));
 * }</pre>
 */
public final class Contender implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * How a row is trained, given the comparison's run. Serializable, so that a sweep can ship the
     * loss rows (whose training captures only a spec and a τ) to another machine.
     */
    @FunctionalInterface
    interface Training extends Serializable {
        Comparison.Trained train(Comparison.Run run);
    }

    private static final double DEFAULT_ADAGRAD_RATE = 0.1;
    private static final int DEFAULT_LINEAR_EPOCHS = 5;

    private final String name;
    private final Training training;
    private final boolean trainedBySeededTrainer;

    private Contender(String name, Training training, boolean trainedBySeededTrainer) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must be given, but is '" + name + "'");
        }
        this.name = name;
        this.training = training;
        this.trainedBySeededTrainer = trainedBySeededTrainer;
    }

    /**
     * The comparison's ND4J model trained with this loss; the row is named by the spec.
     *
     * @throws IllegalArgumentException if the spec is not a loss
     */
    public static Contender loss(String spec) {
        Losses.parse(spec);
        return new Contender(spec, run -> {
            NdModel model = run.ndModel(spec);
            return new Comparison.Trained(model, run.ndSeconds(spec), model.interrupted());
        }, true);
    }

    /**
     * The comparison's ND4J model trained with this loss and predicting with post-hoc logit
     * adjustment τ; trained once if the plain loss is a row too.
     */
    public static Contender postHoc(String spec, double tau) {
        Losses.parse(spec);
        if (!(tau >= 0) || Double.isInfinite(tau)) {
            throw new IllegalArgumentException("tau must be a finite number >= 0, but is " + tau);
        }
        return new Contender(spec + " + post-hoc τ=" + Format.number(tau), run -> {
            NdModel plain = run.ndModel(spec);
            return new Comparison.Trained(plain.withPostHocTau(tau), run.ndSeconds(spec), plain.interrupted());
        }, true);
    }

    /**
     * Tribuo's linear SGD trainer with a LossLab loss as its objective, bound to the training
     * counts, with AdaGrad at rate 0.1 for 5 epochs.
     */
    public static Contender tribuoLinear(String spec) {
        return tribuoLinear(spec, new AdaGrad(DEFAULT_ADAGRAD_RATE), DEFAULT_LINEAR_EPOCHS, Trainer.DEFAULT_SEED);
    }

    /** Tribuo's linear SGD trainer with a LossLab loss as its objective and the given optimiser. */
    public static Contender tribuoLinear(String spec, StochasticGradientOptimiser optimiser, int epochs, long seed) {
        Losses.parse(spec);
        return new Contender("tribuo-linear " + spec, run -> run.tribuo(new LinearSGDTrainer(
                TribuoLossObjective.forDataset(spec, run.tribuoTrain()), optimiser, epochs, seed), run.tribuoTrain()), false);
    }

    /** Any Tribuo trainer on the training set as it is. */
    public static Contender tribuo(String name, Trainer<Label> trainer) {
        return new Contender(name, run -> run.tribuo(trainer, run.tribuoTrain()), false);
    }

    /**
     * A Tribuo trainer on the training set re-weighted by a class-weight scheme through example
     * weights (for trainers that honour them).
     */
    public static Contender reweighted(String name, Trainer<Label> trainer, ClassWeights scheme) {
        return new Contender(name, run -> run.tribuo(trainer, ExampleWeights.weighted(run.tribuoTrain(), scheme)), false);
    }

    /**
     * A model trained outside the comparison (a Deeplearning4j network, say), as what it predicts
     * on a test set. Its row is scored as every other row is, on the comparison's test set with the
     * shot groups of the comparison's training set (whatever training counts the predictions
     * carry); it has no model and no training time.
     *
     * @param predict the model's predictions of the test set it is given, every example in order
     * @throws IllegalArgumentException if predict is missing; when the comparison runs, if its
     *     predictions are not of the test set's examples and classes
     */
    public static Contender trained(String name, Function<LabeledData, Predictions> predict) {
        if (predict == null) {
            throw new IllegalArgumentException("predict must be given, but is null");
        }
        return new Contender(name, run -> run.external(name, predict), false);
    }

    /** The row's name. */
    public String name() {
        return name;
    }

    /**
     * Whether the comparison's ND4J trainer trains this row, so that the trainer's seed decides
     * it; Tribuo's trainers keep their own seeds.
     */
    public boolean trainedBySeededTrainer() {
        return trainedBySeededTrainer;
    }

    Comparison.Trained train(Comparison.Run run) {
        return training.train(run);
    }

    @Override
    public String toString() {
        return name;
    }
}
