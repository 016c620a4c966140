package io.losslab.dl4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.losslab.data.BundledData;
import io.losslab.data.LabeledData;
import io.losslab.train.NdModel;
import io.losslab.train.NdTrainer;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The network {@link Dl4jNetworks#fromTrainer} builds starts where the trainer's first call starts
 * and takes the same Adam steps, on whole-set batches and on {@link Dl4jTraining}'s minibatches,
 * which are the trainer's: after 15 or 20 steps its logits are LossLab's to within 0.5 % of their
 * scale. They are
 * not equal to float rounding because ND4J's Adam adds ε to √v before the bias correction, where
 * LossLab (like {@code torch.optim}) adds it after, which moves weights with tiny gradients a
 * little differently; a different starting point, loss or step rule differs by far more.
 */
class Dl4jAgreementTest {

    private static final LabeledData DIGITS = BundledData.digits();
    private static final int EXAMPLES = 256;

    @ParameterizedTest
    @ValueSource(strings = {"ce", "focal(gamma=2)", "logit-adjusted(tau=1)"})
    void twentyWholeBatchStepsGiveLossLabsLogits(String loss) {
        int[] rows = new int[EXAMPLES];
        for (int i = 0; i < EXAMPLES; i++) {
            rows[i] = i;
        }
        LabeledData train = DIGITS.subset(rows, "the first 256 digits");
        NdTrainer trainer = NdTrainer.builder().loss(loss).hiddenSizes(16).adam(0.01).epochs(20).batchSize(EXAMPLES)
                .seed(5).build();
        MultiLayerNetwork network = Dl4jNetworks.fromTrainer(trainer, train);
        INDArray inputs = DIGITS.features().toINDArray();
        double initialGap = maxDifference(network.output(inputs), untrained(loss, train).logits(inputs));
        assertTrue(initialGap < 1e-5, loss + ": the networks start " + initialGap + " apart");

        Dl4jTraining.fit(network, trainer, train);
        NdModel model = trainer.train(train);
        INDArray lossLab = model.logits(inputs);
        double gap = maxDifference(network.output(inputs), lossLab);
        double scale = lossLab.amaxNumber().doubleValue();
        assertTrue(gap < 5e-3 * Math.max(1, scale), loss + ": after 20 steps the logits differ by " + gap
                + " at a scale of " + scale);
    }

    /**
     * Minibatches of 64 from 300 examples, the last of each epoch 44 long, three epochs: fitted
     * with its trainer's settings, the network takes the trainer's batches in the trainer's order.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ce", "focal(gamma=2)", "logit-adjusted(tau=1)"})
    void minibatchEpochsTakeTheTrainersBatches(String loss) {
        LabeledData train = DIGITS.subset(IntStream.range(0, 300).toArray(), "the first 300 digits");
        NdTrainer trainer = NdTrainer.builder().loss(loss).hiddenSizes(16).adam(3e-3).epochs(3).batchSize(64).seed(5)
                .build();
        MultiLayerNetwork network = Dl4jTraining.fit(Dl4jNetworks.fromTrainer(trainer, train), trainer, train);
        INDArray inputs = DIGITS.features().toINDArray();
        INDArray lossLab = trainer.train(train).logits(inputs);
        double gap = maxDifference(network.output(inputs), lossLab);
        double scale = lossLab.amaxNumber().doubleValue();
        assertTrue(gap < 5e-3 * Math.max(1, scale), loss + ": after 15 minibatch steps the logits differ by " + gap
                + " at a scale of " + scale);
    }

    /** The trainer's first call, one step with a learning rate too small to move anything: its starting point. */
    private static NdModel untrained(String loss, LabeledData train) {
        return NdTrainer.builder().loss(loss).hiddenSizes(16).adam(1e-12).epochs(1).batchSize(EXAMPLES).seed(5).build()
                .train(train);
    }

    private static double maxDifference(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }
}
