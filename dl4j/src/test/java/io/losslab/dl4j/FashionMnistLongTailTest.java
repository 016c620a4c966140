package io.losslab.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.losslab.data.DataSplits;
import io.losslab.data.FashionMnist;
import io.losslab.data.LongTail;
import io.losslab.eval.ClassificationMetrics;
import io.losslab.train.NdTrainer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * LossLab's losses in a Deeplearning4j network on Fashion-MNIST made long-tailed (ρ = 100, about
 * 15,000 training images), against the same loss in LossLab's own trainer: softmax regression,
 * Adam at 3e-3, 8 epochs of batches of 128, two seeds. Each seed's network starts from the
 * trainer's weights and, through {@link Dl4jTraining}, takes the trainer's batches in the
 * trainer's order, so the two differ only by float rounding and Adam's ε placement. With another
 * order, a seed's balanced accuracy moves by up to 3 points, and the 2-point bound would measure
 * the orders rather than the losses. Needs the Debian package {@code dataset-fashion-mnist}
 * ({@code ./losslab test} installs it); without it the test fails with the sentence that says how
 * to install it.
 */
class FashionMnistLongTailTest {

    private static final List<String> LOSSES = List.of("ce", "focal(gamma=2)", "logit-adjusted(tau=1)");
    private static final long[] SEEDS = {0, 1};

    /** Each loss's balanced accuracy per seed, in Deeplearning4j. */
    private static final Map<String, List<Double>> DL4J = new LinkedHashMap<>();
    /** Each loss's balanced accuracy per seed, in LossLab's trainer. */
    private static final Map<String, List<Double>> LOSSLAB = new LinkedHashMap<>();

    @BeforeAll
    static void trainEveryLossBothWays() throws Exception {
        DataSplits splits = LongTail.exponential(100).apply(FashionMnist.load(), 0);
        long[] counts = splits.train().classCounts();
        for (String loss : LOSSES) {
            DL4J.put(loss, new ArrayList<>());
            LOSSLAB.put(loss, new ArrayList<>());
            for (long seed : SEEDS) {
                NdTrainer trainer = NdTrainer.builder().loss(loss).adam(3e-3).epochs(8).batchSize(128).seed(seed)
                        .build();
                MultiLayerNetwork network = Dl4jTraining.fit(Dl4jNetworks.fromTrainer(trainer, splits.train()),
                        trainer, splits.train());
                DL4J.get(loss).add(Dl4jPredictions.metrics(network, splits.test(), counts).balancedAccuracy());
                LOSSLAB.get(loss).add(ClassificationMetrics.of(trainer.train(splits.train()).predictions(splits.test()))
                        .balancedAccuracy());
            }
            System.out.printf("%s: dl4j %s mean %.4f, losslab %s mean %.4f%n", loss, DL4J.get(loss),
                    mean(DL4J.get(loss)), LOSSLAB.get(loss), mean(LOSSLAB.get(loss)));
        }
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    @Test
    void everyRunLearns() {
        for (String loss : LOSSES) {
            for (int s = 0; s < SEEDS.length; s++) {
                double dl4j = DL4J.get(loss).get(s);
                double lossLab = LOSSLAB.get(loss).get(s);
                assertTrue(dl4j > 0.5 && lossLab > 0.5, loss + ", seed " + SEEDS[s] + ": dl4j " + dl4j + ", losslab "
                        + lossLab);
            }
        }
    }

    @Test
    void logitAdjustmentBeatsCrossEntropyInDl4j() {
        double ce = mean(DL4J.get("ce"));
        double adjusted = mean(DL4J.get("logit-adjusted(tau=1)"));
        assertTrue(adjusted > ce, "logit-adjusted " + adjusted + " against ce " + ce);
    }

    @Test
    void eachLossIsWithinTwoPointsOfLossLabsTrainer() {
        for (String loss : LOSSES) {
            assertEquals(mean(LOSSLAB.get(loss)), mean(DL4J.get(loss)), 0.02,
                    loss + ": Deeplearning4j against LossLab's trainer");
        }
    }
}
