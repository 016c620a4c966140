package io.losslab.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.losslab.data.DataSplits;
import io.losslab.data.FashionMnist;
import io.losslab.data.LongTail;
import io.losslab.eval.ClassificationMetrics;
import io.losslab.train.NdTrainer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * LossLab's losses in a Deeplearning4j network on Fashion-MNIST made long-tailed (ρ = 100, about
 * 15,000 training images), against the same loss in LossLab's own trainer. Softmax regression
 * trained for 8 epochs with Adam: its loss is convex, so after 8 epochs a seed moves balanced
 * accuracy by about a point, and the mean over three seeds by less, where the 2-point bound
 * between the two trainers holds with room to spare. Needs the Debian package
 * {@code dataset-fashion-mnist} ({@code ./losslab test} installs it); without it the test fails
 * with the sentence that says how to install it.
 */
class FashionMnistLongTailTest {

    private static final List<String> LOSSES = List.of("ce", "focal(gamma=2)", "logit-adjusted(tau=1)");
    private static final long[] SEEDS = {0, 1, 2};

    /** Mean balanced accuracy of each loss over the seeds, in Deeplearning4j and in LossLab's trainer. */
    private static final Map<String, double[]> DL4J_AND_LOSSLAB = new LinkedHashMap<>();

    @BeforeAll
    static void trainEveryLossBothWays() throws Exception {
        DataSplits splits = LongTail.exponential(100).apply(FashionMnist.load(), 0);
        for (String loss : LOSSES) {
            double dl4j = 0;
            double lossLab = 0;
            for (long seed : SEEDS) {
                NdTrainer trainer = NdTrainer.builder().loss(loss).adam(3e-3).epochs(8).batchSize(128).seed(seed)
                        .build();
                MultiLayerNetwork network = Dl4jTraining.fit(Dl4jNetworks.fromTrainer(trainer, splits.train()),
                        trainer, splits.train());
                dl4j += Dl4jPredictions.metrics(network, splits.test(), splits.train().classCounts())
                        .balancedAccuracy() / SEEDS.length;
                lossLab += ClassificationMetrics.of(trainer.train(splits.train()).predictions(splits.test()))
                        .balancedAccuracy() / SEEDS.length;
            }
            DL4J_AND_LOSSLAB.put(loss, new double[] {dl4j, lossLab});
        }
    }

    @Test
    void everyLossTrainsADl4jNetwork() {
        for (String loss : LOSSES) {
            assertTrue(DL4J_AND_LOSSLAB.get(loss)[0] > 0.5, loss + " learns: " + DL4J_AND_LOSSLAB.get(loss)[0]);
        }
    }

    @Test
    void logitAdjustmentBeatsCrossEntropyInDl4j() {
        double ce = DL4J_AND_LOSSLAB.get("ce")[0];
        double adjusted = DL4J_AND_LOSSLAB.get("logit-adjusted(tau=1)")[0];
        assertTrue(adjusted > ce, "logit-adjusted " + adjusted + " against ce " + ce);
    }

    @Test
    void eachLossIsWithinTwoPointsOfLossLabsTrainer() {
        for (String loss : LOSSES) {
            double[] both = DL4J_AND_LOSSLAB.get(loss);
            System.out.printf("%s: dl4j %.4f, losslab %.4f%n", loss, both[0], both[1]);
            assertEquals(both[1], both[0], 0.02, loss + ": Deeplearning4j against LossLab's trainer");
        }
    }
}
