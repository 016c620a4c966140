package io.losslab.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.losslab.data.BundledData;
import io.losslab.data.DataSplits;
import io.losslab.data.StratifiedSplit;
import io.losslab.experiment.Comparison;
import io.losslab.experiment.ComparisonTable;
import io.losslab.experiment.Contender;
import io.losslab.train.NdModel;
import io.losslab.train.NdTrainer;
import java.util.List;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

/**
 * A Deeplearning4j network as a row of LossLab's comparison table: built and fitted from the
 * comparison's own trainer, it takes the same batches as LossLab's row of the same loss, so the
 * two rows score alike.
 */
class Dl4jComparisonTest {

    @Test
    void aDl4jNetworkSitsBesideLossLabsRowOfTheSameLoss() {
        DataSplits splits = StratifiedSplit.trainTest(0.3).split(BundledData.digits(), 0);
        NdTrainer trainer = NdTrainer.builder().hiddenSizes(16).adam(3e-3).epochs(3).batchSize(64).seed(5).build();
        NdTrainer adjusted = trainer.withLoss("logit-adjusted(tau=1)");
        MultiLayerNetwork network = Dl4jTraining.fit(Dl4jNetworks.fromTrainer(adjusted, splits.train()), adjusted,
                splits.train());
        long[] counts = splits.train().classCounts();

        ComparisonTable table = Comparison.builder(trainer).losses("ce", "logit-adjusted(tau=1)")
                .add(Contender.trained("dl4j logit-adjusted(tau=1)", test -> Dl4jPredictions.of(network, test, counts)))
                .build().run(splits);

        assertEquals(List.of("ce", "logit-adjusted(tau=1)", "dl4j logit-adjusted(tau=1)"), table.names());
        double lossLab = table.row("logit-adjusted(tau=1)").metrics().balancedAccuracy();
        double dl4j = table.row("dl4j logit-adjusted(tau=1)").metrics().balancedAccuracy();
        assertEquals(lossLab, dl4j, 0.005, table.toString());
        int[] lossLabPredicted = ((NdModel) table.row("logit-adjusted(tau=1)").model()).predictions(splits.test())
                .predicted();
        int[] dl4jPredicted = Dl4jPredictions.of(network, splits.test(), counts).predicted();
        long disagreements = IntStream.range(0, dl4jPredicted.length)
                .filter(i -> dl4jPredicted[i] != lossLabPredicted[i]).count();
        assertTrue(disagreements <= dl4jPredicted.length / 100, disagreements + " of " + dl4jPredicted.length
                + " test digits are predicted differently");
        assertArrayEquals(Dl4jPredictions.metrics(network, splits.test(), counts).recall(),
                table.recallByRow().get("dl4j logit-adjusted(tau=1)"));
        assertNull(table.row("dl4j logit-adjusted(tau=1)").model());
    }
}
