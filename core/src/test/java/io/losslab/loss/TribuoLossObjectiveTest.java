package io.losslab.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/** LossLab losses drive Tribuo's own linear SGD trainer through one adapter. */
class TribuoLossObjectiveTest {

    private static final String[] NAMES = {"head", "middle", "tail"};
    private static final double[][] MEANS = {{0, 0}, {2.5, 0}, {0, 2.5}};

    /** Three Gaussian classes in the plane, drawn {@code counts[k]} times each. */
    private static MutableDataset<Label> gaussians(int[] counts, long seed) {
        Random random = new Random(seed);
        MutableDataset<Label> data = new MutableDataset<>(
                new SimpleDataSourceProvenance("three gaussians", new LabelFactory()), new LabelFactory());
        for (int k = 0; k < counts.length; k++) {
            for (int i = 0; i < counts[k]; i++) {
                double[] x = {MEANS[k][0] + random.nextGaussian(), MEANS[k][1] + random.nextGaussian()};
                data.add(new ArrayExample<>(new Label(NAMES[k]), new String[] {"x0", "x1"}, x));
            }
        }
        return data;
    }

    private static LabelEvaluation trainAndEvaluate(String spec) {
        MutableDataset<Label> train = gaussians(new int[] {600, 60, 8}, 1);
        MutableDataset<Label> test = gaussians(new int[] {300, 300, 300}, 2);
        TribuoLossObjective objective = TribuoLossObjective.forDataset(spec, train);
        LinearSGDTrainer trainer = new LinearSGDTrainer(objective, new AdaGrad(0.5), 5, 1);
        Model<Label> model = trainer.train(train);
        assertTrue(model.getProvenance().toString().contains(spec), "the model's provenance records the loss spec");
        return new LabelEvaluator().evaluate(model, test);
    }

    @Test
    void focalLearnsAnImbalancedSet() {
        double balancedAccuracy = 1 - trainAndEvaluate("focal(gamma=2)").balancedErrorRate();
        assertTrue(balancedAccuracy > 0.6, "balanced accuracy " + balancedAccuracy + " vs chance 1/3");
    }

    @Test
    void logitAdjustedLearnsAnImbalancedSetAndBeatsCe() {
        double adjusted = 1 - trainAndEvaluate("logit-adjusted(tau=1)").balancedErrorRate();
        double plain = 1 - trainAndEvaluate("ce").balancedErrorRate();
        assertTrue(adjusted > 0.6, "balanced accuracy " + adjusted + " vs chance 1/3");
        assertTrue(adjusted > plain, "logit-adjusted " + adjusted + " should beat ce " + plain + " on balanced accuracy");
    }

    @Test
    void objectiveFollowsTribuosSignConvention() {
        TribuoLossObjective objective = new TribuoLossObjective("ce", null);
        var prediction = org.tribuo.math.la.DenseVector.createDenseVector(new double[] {0, 0});
        var result = objective.lossAndGradient(0, prediction);
        assertEquals(-Math.log(2), result.getA(), 1e-12, "Tribuo takes the negated loss");
        assertEquals(0.5, result.getB().get(0), 1e-12, "and the negated gradient, 1 - p for the true class");
        assertEquals(-0.5, result.getB().get(1), 1e-12);
    }

    @Test
    void multiLabelOnlyLossesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TribuoLossObjective("gp-kl", null));
        assertTrue(e.getMessage().contains("gp-kl"), e.getMessage());
    }
}
