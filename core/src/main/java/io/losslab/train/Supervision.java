package io.losslab.train;

import io.losslab.loss.Targets;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a training run learns from, as {@link TrainingRun}'s one loop sees it: the features, the
 * targets of any batch of rows, and how to sample and validate. Single-label and multi-label
 * training differ only here.
 */
interface Supervision {

    /** The N×D FLOAT training features. */
    INDArray features();

    /** The width of the output layer: classes or labels. */
    int outputs();

    /** Examples per class, or positives per label: what distribution-aware losses are bound to. */
    long[] counts();

    /** The order of each epoch's examples. */
    BatchSampler sampler(NdTrainer.Sampling sampling);

    /** The targets of the given training rows, in that order. */
    Targets targets(int[] rows);

    /** The validation predictions and cross-entropy of the model so far, or null when there is nothing to validate on. */
    Scoring.Evaluation validate(Scoring scoring);
}
