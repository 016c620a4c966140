package io.losslab.dl4j;

import io.losslab.data.LabeledData;
import io.losslab.train.NdTrainer;
import io.losslab.train.RunSettings;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Trains a Deeplearning4j network on a {@link LabeledData}: a number of epochs over
 * {@link ShuffledBatches}, every example once per epoch in a seeded order.
 *
 * <pre>{@code
 * MultiLayerNetwork network = Dl4jTraining.fit(Dl4jNetworks.fromTrainer(trainer, train), trainer, train);
 * }</pre>
 */
public final class Dl4jTraining {

    private Dl4jTraining() {
    }

    /**
     * Fits {@code network} to {@code train} for {@code epochs} epochs of batches of
     * {@code batchSize}, the order drawn from {@code seed}.
     *
     * @return the network, trained
     * @throws IllegalArgumentException if epochs or the batch size is below 1, or the data is empty
     */
    public static MultiLayerNetwork fit(MultiLayerNetwork network, LabeledData train, int epochs, int batchSize,
            long seed) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, but is " + epochs);
        }
        network.fit(new ShuffledBatches(train, batchSize, seed), epochs);
        return network;
    }

    /** Fits {@code network} with the epochs, batch size and seed of {@code trainer}. */
    public static MultiLayerNetwork fit(MultiLayerNetwork network, NdTrainer trainer, LabeledData train) {
        RunSettings settings = trainer.settings();
        return fit(network, train, settings.epochs(), settings.batchSize(), trainer.seed());
    }
}
