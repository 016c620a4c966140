package io.losslab.dl4j;

import io.losslab.data.LabeledData;
import io.losslab.loss.LossLabLossFunction;
import io.losslab.loss.Targets;
import io.losslab.train.NdTrainer;
import io.losslab.train.RunSettings;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Trains a Deeplearning4j network on a {@link LabeledData}: a number of epochs over
 * {@link ShuffledBatches}, every example once per epoch in a seeded order, the order LossLab's
 * trainer takes with that seed. A network from {@link Dl4jNetworks#fromTrainer} fitted with its
 * trainer's settings so trains on the trainer's own batches, from its starting weights.
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
     * @throws IllegalArgumentException if epochs or the batch size is below 1, the data is empty,
     *     or the output layer's LossLab loss takes no single-label targets
     */
    public static MultiLayerNetwork fit(MultiLayerNetwork network, LabeledData train, int epochs, int batchSize,
            long seed) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, but is " + epochs);
        }
        requireSingleLabelLoss(network, train);
        network.fit(new ShuffledBatches(train, batchSize, seed), epochs);
        return network;
    }

    /**
     * A {@link LabeledData} has one class per example, which one-hot labels carry; a multi-label
     * loss would take them as 0/1 rows without complaint and learn something else.
     */
    private static void requireSingleLabelLoss(MultiLayerNetwork network, LabeledData train) {
        Layer last = network.getLayerWiseConfigurations().getConf(network.getnLayers() - 1).getLayer();
        if (last instanceof BaseOutputLayer output && output.getLossFn() instanceof LossLabLossFunction loss
                && !loss.loss().acceptedTargets().contains(Targets.Kind.CLASSES)) {
            throw new IllegalArgumentException("loss = " + loss.spec() + " takes no single-label targets, so it cannot "
                    + "train on " + train.source() + ", which has one class per example");
        }
    }

    /** Fits {@code network} with the epochs, batch size and seed of {@code trainer}. */
    public static MultiLayerNetwork fit(MultiLayerNetwork network, NdTrainer trainer, LabeledData train) {
        RunSettings settings = trainer.settings();
        return fit(network, train, settings.epochs(), settings.batchSize(), trainer.seed());
    }
}
