package io.losslab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.losslab.data.BayesError;
import io.losslab.data.GaussianClasses;
import io.losslab.data.LabeledData;
import org.junit.jupiter.api.Test;

/**
 * The design's quality bar on two Gaussian classes with priors 0.95 / 0.05: softmax regression
 * trained with the logit-adjusted loss reaches the Bayes-optimal balanced error Φ(-Δ/2) to within
 * one percentage point; plain cross-entropy, which learns the skewed prior, is far above it.
 */
class GaussianQualityTest {

    private static final GaussianClasses TWO = GaussianClasses.isotropic(new double[][] {{0, 0}, {2, 0}}, 1.0,
            new double[] {0.95, 0.05});
    private static final LabeledData TRAIN = TWO.sample(20_000, 11);
    /** Balanced and large: the balanced error is measured to about ±0.25 points. */
    private static final LabeledData TEST = TWO.sample(new long[] {20_000, 20_000}, 12);

    private static double balancedError(String loss) {
        NdModel model = NdTrainer.builder().loss(loss).adam(0.05).epochs(8).batchSize(256).seed(3).build().train(TRAIN);
        return 1 - model.predictions(TEST).balancedAccuracy();
    }

    @Test
    void logitAdjustedReachesTheBayesFloorAndCrossEntropyDoesNot() {
        BayesError floor = TWO.bayesBalancedError();
        assertTrue(floor.exact());
        assertEquals(0.158655, floor.value(), 1e-6, "Φ(-1) for means two standard deviations apart");
        double adjusted = balancedError("logit-adjusted(tau=1)");
        double plain = balancedError("ce");
        assertTrue(Math.abs(adjusted - floor.value()) < 0.01, "logit-adjusted " + adjusted + " vs Bayes " + floor);
        assertTrue(plain > floor.value() + 0.05, "ce " + plain + " vs Bayes " + floor);
    }
}
