package io.losslab.train;

import io.losslab.data.LabeledData;
import io.losslab.loss.Targets;
import org.nd4j.linalg.api.ndarray.INDArray;

/** One class per example, with an optional validation set scored after every epoch. */
final class SingleLabelSupervision implements Supervision {

    private final TrainingData data;
    private final LabeledData validation;
    private INDArray validationFeatures;

    /** @param validation the validation set, or null for none */
    SingleLabelSupervision(TrainingData data, LabeledData validation) {
        this.data = data;
        this.validation = validation;
    }

    @Override
    public INDArray features() {
        return data.features();
    }

    @Override
    public int outputs() {
        return data.numClasses();
    }

    @Override
    public long[] counts() {
        return data.counts();
    }

    @Override
    public BatchSampler sampler(NdTrainer.Sampling sampling) {
        return new BatchSampler(sampling, data.labels(), data.numClasses());
    }

    @Override
    public Targets targets(int[] rows) {
        int[] all = data.labels();
        int[] labels = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            labels[i] = all[rows[i]];
        }
        return Targets.classes(labels, data.numClasses());
    }

    @Override
    public Scoring.Evaluation validate(Scoring scoring) {
        if (validation == null) {
            return null;
        }
        if (validationFeatures == null) {
            validationFeatures = validation.features().toINDArray();
        }
        return scoring.evaluateWithLoss(validationFeatures, validation.labels(), data.classNames());
    }
}
